import type { ExportContent, ExportOutput, Exporter } from './export-content.js';

async function array<T>(out: ExportOutput, items: AsyncIterable<T>): Promise<void> {
  let first = true;
  for await (const item of items) {
    await out.write(`${first ? '\n' : ',\n'}${JSON.stringify(item)}`);
    first = false;
  }
  await out.write(first ? ']' : '\n]');
}

/**
 * The document of shared/src/contracts/audit-export.ts, written piece by piece: the header,
 * then one incident, transition or summary per line, never the whole document at once.
 */
export const jsonExporter: Exporter = {
  contentType: 'application/json; charset=utf-8',
  extension: 'json',
  async write(content: ExportContent, out: ExportOutput): Promise<void> {
    await out.write(`{"header":${JSON.stringify(content.header)},\n"incidents":[`);
    await array(out, content.incidents());
    await out.write(`,\n"transitions":[`);
    await array(out, content.transitions());
    await out.write(`,\n"summaries":[`);
    await array(out, content.summaries());
    await out.write('}\n');
  },
};
