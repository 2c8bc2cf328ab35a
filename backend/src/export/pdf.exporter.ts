import type { AuditExportIncident } from '@lifeline/shared';
import type { ExportContent, ExportOutput, Exporter } from './export-content.js';
import { TimelineChart, type Doc } from './pdf-timeline.js';
import { pdfDuration, pdfSafe, pdfTime } from './pdf-text.js';

const MARGIN = 40;

/** Text flowing down the page, starting a new page (and repeating a table's heading) when the page is full. */
class Flow {
  private repeat?: () => void;

  constructor(readonly doc: Doc) {}

  get left(): number {
    return this.doc.page.margins.left;
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  /** Makes room for `height` points, on a new page if need be. */
  room(height: number): void {
    if (this.doc.y + height <= this.doc.page.height - this.doc.page.margins.bottom) return;
    this.doc.addPage();
    this.doc.x = this.left;
    this.repeat?.();
  }

  section(title: string, repeat?: () => void, { newPage = true } = {}): void {
    this.repeat = undefined;
    if (newPage) this.doc.addPage();
    else this.doc.moveDown(1);
    this.doc.font('Helvetica-Bold').fontSize(14).fillColor('black').text(title, this.left, newPage ? this.doc.page.margins.top : this.doc.y);
    this.doc.moveDown(0.4);
    this.repeat = repeat;
    repeat?.();
  }

  text(text: string, { bold = false, size = 9, indent = 0, colour = 'black' } = {}): void {
    const safe = pdfSafe(text);
    this.doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(size);
    this.room(this.doc.heightOfString(safe, { width: this.width - indent }) + 2);
    this.doc.fillColor(colour).text(safe, this.left + indent, this.doc.y, { width: this.width - indent });
  }

  /** One table row: cells at fixed x offsets, each cut to one line. */
  row(cells: Array<[number, number, string]>, bold = false): void {
    this.doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
    this.room(12);
    const y = this.doc.y;
    for (const [x, w, text] of cells) this.doc.fillColor('black').text(pdfSafe(text), this.left + x, y, { width: w - 4, lineBreak: false, ellipsis: true });
    this.doc.x = this.left;
    this.doc.y = y + 11;
  }
}

function incidentBlock(flow: Flow, i: AuditExportIncident): void {
  flow.room(40);
  flow.doc.moveDown(0.3);
  flow.text(`${pdfTime(i.start)} to ${pdfTime(i.end)}  (${pdfDuration(i.durationSeconds)}${i.ongoing ? ', still open' : ''})  ${i.title}`, { bold: true, size: 10 });
  const cause = i.attribution.subject ? `${i.attribution.cause} (${i.attribution.subject})` : i.attribution.cause;
  flow.text(`Cause: ${cause} · worst: ${i.worst} · status now: ${i.status} · id ${i.id}${i.mergedInto ? ` · merged into ${i.mergedInto}` : ''}`, { indent: 12 });
  const members = i.members.map((m) => `${m.name} (${m.worst}; joined ${pdfTime(m.joinedAt).slice(11, 19)}${m.leftAt ? `, left ${pdfTime(m.leftAt).slice(11, 19)} ${m.leftAs ?? ''}` : ''})`);
  flow.text(`Members (${i.members.length}): ${members.join('; ') || 'none'}`, { indent: 12 });
  for (const a of i.acknowledgements) flow.text(`Acknowledged by ${a.by} at ${pdfTime(a.at)}${a.note ? `: ${a.note}` : ''}`, { indent: 12 });
  for (const n of i.notes) flow.text(`Note by ${n.by} at ${pdfTime(n.at)}: ${n.text}`, { indent: 12 });
  if (i.acknowledgements.length === 0) flow.text('Not acknowledged.', { indent: 12, colour: '#555555' });
}

/**
 * A readable report: a header page (site, window, generated at, chain head), the incidents
 * with their members, acknowledgements and notes, a timeline chart, availability and latency
 * per integration, and every transition. pdfkit writes each page out as the next begins, so
 * memory stays bounded however long the window.
 */
export const pdfExporter: Exporter = {
  contentType: 'application/pdf',
  extension: 'pdf',
  async write(content: ExportContent, out: ExportOutput & { drained?: () => Promise<void> }): Promise<void> {
    const h = content.header;
    // Loaded when a PDF is asked for: pdfkit and its fonts are megabytes a monitor at rest need not hold.
    const { default: PDFDocument } = await import('pdfkit');
    const doc: Doc = new PDFDocument({
      size: 'A4',
      layout: 'landscape',
      margin: MARGIN,
      bufferPages: false,
      info: { Title: pdfSafe(`Lifeline audit report: ${h.site.name}`), Author: 'Lifeline', Subject: `${h.window.from} to ${h.window.to}` },
    });
    const done = new Promise<void>((resolve, reject) => {
      out.stream.once('finish', resolve);
      out.stream.once('error', reject);
      doc.once('error', reject);
    });
    doc.pipe(out.stream);
    const breathe = async () => out.drained?.();
    const flow = new Flow(doc);

    doc.font('Helvetica-Bold').fontSize(20).text(pdfSafe(`Audit report: ${h.site.name}`), MARGIN, MARGIN);
    doc.moveDown(0.5);
    const facts: Array<[string, string]> = [
      ['Window', `${pdfTime(h.window.from)} to ${pdfTime(h.window.to)}`],
      ['Time zone', `${h.site.timezone} (times below are local, with their UTC offset)`],
      ['Generated at', pdfTime(h.generatedAt)],
      ['Integrations', h.integrations ? h.integrations.join(', ') : 'all'],
      ['Audit chain head', h.chainHead ? `row ${h.chainHead.seq}, sha256 ${h.chainHead.hash}` : 'the audit log was empty'],
      ['Export id', h.exportId],
      ['Integrity', `The SHA-256 of this file is in the ${h.digest.header} response header and at ${h.digest.sidecar}; a file cannot contain its own digest.`],
    ];
    for (const [k, v] of facts) {
      doc.font('Helvetica-Bold').fontSize(10).text(`${k}: `, { continued: true }).font('Helvetica').text(pdfSafe(v));
    }
    doc.moveDown(0.6).font('Helvetica-Bold').fontSize(11).text('How the figures are computed');
    for (const [k, v] of Object.entries(h.definitions)) flow.text(`${k}: ${v}`, { size: 8, colour: '#333333' });

    flow.section('Incidents', undefined, { newPage: false });
    let incidents = 0;
    for await (const i of content.incidents()) {
      incidentBlock(flow, i);
      incidents += 1;
      await breathe();
    }
    if (incidents === 0) flow.text('No incidents in this window.');

    const chart = new TimelineChart(doc, content.from, content.to, h.site.timezone);
    for await (const t of content.timelines()) {
      chart.add(t);
      await breathe();
    }
    chart.finish();

    const sumCols = (cells: string[]): Array<[number, number, string]> => {
      const xs = [0, 200, 260, 320, 380, 440, 490, 540, 600, 660];
      return cells.map((c, n) => [xs[n], (xs[n + 1] ?? flow.width) - xs[n], c]);
    };
    flow.section('Availability and latency per integration', () =>
      flow.row(sumCols(['Integration', 'Results', 'Failures', 'Available', 'p50 ms', 'p95 ms', 'max ms', 'Degraded', 'Down', 'Unknown']), true),
    );
    for await (const s of content.summaries()) {
      const pct = s.availability === null ? '-' : `${(s.availability * 100).toFixed(2)}%`;
      const ms = (v: number | null) => (v === null ? '-' : String(v));
      const dur = (v: number) => (v ? pdfDuration(v) : '-');
      flow.row(sumCols([s.name ?? s.integrationId, String(s.results), String(s.failures), pct, ms(s.latencyMs.p50), ms(s.latencyMs.p95), ms(s.latencyMs.max), dur(s.secondsIn.degraded), dur(s.secondsIn.down), dur(s.secondsIn.unknown)]));
      await breathe();
    }

    const trCols = (cells: string[]): Array<[number, number, string]> => {
      const xs = [0, 140, 330, 470];
      return cells.map((c, n) => [xs[n], (xs[n + 1] ?? flow.width) - xs[n], c]);
    };
    flow.section('State transitions', () => flow.row(trCols(['At', 'Integration', 'From -> to', 'Reasons']), true));
    let n = 0;
    for await (const t of content.transitions()) {
      flow.row(trCols([pdfTime(t.at), t.integrationName ?? t.integrationId, `${t.from} -> ${t.to}`, t.reasons.join('; ')]));
      if (++n % 200 === 0) await breathe();
    }
    if (n === 0) flow.text('No state transitions in this window.');
    doc.end();
    await done;
  },
};
