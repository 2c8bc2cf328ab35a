import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { tempDir } from './temp-dir.js';

/** Whether Debian's poppler-utils is installed (`apt-get install poppler-utils`). */
export const HAS_PDFTOTEXT = existsSync('/usr/bin/pdftotext');

/**
 * An export's CSV read back with a real RFC 4180 parser, split at its `#section,<name>`
 * rows into sections of records keyed by each section's header row.
 */
export function csvSections(text: string): Map<string, Array<Record<string, string>>> {
  const rows: string[][] = parse(text, { relax_column_count: true, record_delimiter: '\r\n' });
  const sections = new Map<string, Array<Record<string, string>>>();
  for (let i = 0; i < rows.length; ) {
    const [marker, name] = rows[i];
    if (marker !== '#section') throw new Error(`row ${i + 1}: expected a #section row, got ${JSON.stringify(rows[i])}`);
    const columns = rows[i + 1];
    const records: Array<Record<string, string>> = [];
    for (i += 2; i < rows.length && rows[i][0] !== '#section'; i++) {
      if (rows[i].length !== columns.length) throw new Error(`section ${name}: a row of ${rows[i].length} cells under ${columns.length} columns`);
      records.push(Object.fromEntries(columns.map((c, n) => [c, rows[i][n]])));
    }
    sections.set(name, records);
  }
  return sections;
}

/** The text of a PDF as `pdftotext -layout` reads it. */
export async function pdfText(pdf: Buffer): Promise<string> {
  const dir = tempDir('lifeline-pdf-');
  try {
    const file = join(dir.path, 'export.pdf');
    writeFileSync(file, pdf);
    const { stdout } = await promisify(execFile)('pdftotext', ['-layout', file, '-'], { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } finally {
    dir.remove();
  }
}
