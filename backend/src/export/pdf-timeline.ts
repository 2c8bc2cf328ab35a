import { formatZonedIso, type Status } from '@lifeline/shared';
import type PDFDocument from 'pdfkit';
import type { IntegrationTimeline } from './export-content.js';
import { pdfSafe } from './pdf-text.js';

export type Doc = InstanceType<typeof PDFDocument>;

/** Bar colours, each with a text label in the legend (colour is never the only cue: rows are named, and the legend says what each colour is). */
export const TIMELINE_STATUSES: Array<{ status: Status; colour: string; label: string }> = [
  { status: 'degraded', colour: '#e0a100', label: 'Degraded (slow or partly failing)' },
  { status: 'down', colour: '#c62828', label: 'Down' },
  { status: 'unknown', colour: '#9e9e9e', label: 'Unknown (no recent result)' },
  { status: 'maintenance', colour: '#1e6fd9', label: 'Planned maintenance' },
];
const COLOUR = new Map(TIMELINE_STATUSES.map((s) => [s.status, s.colour]));

const LABEL_WIDTH = 190;
const ROW = 15;
const BAR = 10;
const STEPS_MIN = [1, 5, 15, 30, 60, 180, 360, 720, 1_440, 2_880, 10_080];

/**
 * One row per integration that was not operational at some time in the window, with a
 * coloured bar for each span of degraded, down, unknown or maintenance, on a time axis in
 * the site's local time. Rows arrive one at a time and pages are added as they fill.
 */
export class TimelineChart {
  private rowsOnPage = 0;
  private y = 0;
  rows = 0;

  constructor(
    private readonly doc: Doc,
    private readonly from: number,
    private readonly to: number,
    private readonly timeZone: string,
  ) {}

  private get x0(): number {
    return this.doc.page.margins.left + LABEL_WIDTH;
  }

  private get x1(): number {
    return this.doc.page.width - this.doc.page.margins.right;
  }

  private x(ms: number): number {
    return this.x0 + ((Math.min(Math.max(ms, this.from), this.to) - this.from) / (this.to - this.from)) * (this.x1 - this.x0);
  }

  /** Title, legend and axis on a fresh page. */
  private startPage(): void {
    const doc = this.doc;
    doc.addPage();
    const left = doc.page.margins.left;
    doc.font('Helvetica-Bold').fontSize(14).fillColor('black').text(this.rows === 0 ? 'Timeline' : 'Timeline (continued)', left, doc.page.margins.top);
    let lx = left;
    const ly = doc.y + 4;
    doc.font('Helvetica').fontSize(8);
    for (const s of TIMELINE_STATUSES) {
      doc.rect(lx, ly, 10, 8).fill(s.colour);
      doc.fillColor('black').text(s.label, lx + 14, ly, { lineBreak: false });
      lx += 14 + doc.widthOfString(s.label) + 16;
    }
    doc.fillColor('black').text('No bar: operational', lx, ly, { lineBreak: false });
    this.drawAxis(ly + 18);
    this.y = ly + 40;
    this.rowsOnPage = 0;
  }

  private drawAxis(y: number): void {
    const doc = this.doc;
    const spanMin = (this.to - this.from) / 60_000;
    const stepMin = STEPS_MIN.find((s) => spanMin / s <= 10) ?? Math.ceil(spanMin / 10 / 1_440) * 1_440;
    const step = stepMin * 60_000;
    const bottom = doc.page.height - doc.page.margins.bottom;
    doc.lineWidth(0.5).strokeColor('#999999').moveTo(this.x0, y + 12).lineTo(this.x1, y + 12).stroke();
    doc.font('Helvetica').fontSize(7).fillColor('#333333');
    const multiDay = this.to - this.from > 36 * 3_600_000;
    for (let t = Math.ceil(this.from / step) * step; t <= this.to; t += step) {
      const local = formatZonedIso(t, this.timeZone, { millis: false });
      const label = multiDay ? `${local.slice(5, 10)} ${local.slice(11, 16)}` : local.slice(11, 16);
      const x = this.x(t);
      doc.strokeColor('#dddddd').moveTo(x, y + 12).lineTo(x, bottom).stroke();
      doc.text(label, x - 20, y, { width: 40, align: 'center', lineBreak: false });
    }
    doc.fillColor('black');
  }

  add(row: IntegrationTimeline): void {
    const doc = this.doc;
    if (this.rows === 0 || this.y + ROW > doc.page.height - doc.page.margins.bottom) this.startPage();
    const left = doc.page.margins.left;
    doc.font('Helvetica').fontSize(8).fillColor('black').text(pdfSafe(row.name), left, this.y + 2, { width: LABEL_WIDTH - 8, lineBreak: false, ellipsis: true });
    if (this.rowsOnPage % 2 === 1) doc.rect(this.x0, this.y, this.x1 - this.x0, ROW).fill('#f5f5f5');
    for (const s of row.spans) {
      const colour = COLOUR.get(s.status);
      if (!colour) continue;
      const x = this.x(s.from);
      doc.rect(x, this.y + (ROW - BAR) / 2, Math.max(0.75, this.x(s.to) - x), BAR).fill(colour);
    }
    doc.fillColor('black');
    this.y += ROW;
    this.rowsOnPage += 1;
    this.rows += 1;
  }

  /** A chart with no rows still says so, on its own page. */
  finish(): void {
    if (this.rows > 0) return;
    this.startPage();
    this.doc.font('Helvetica').fontSize(10).text('Every integration was operational throughout the window.', this.doc.page.margins.left, this.y);
  }
}
