import { stringify } from 'csv-stringify/sync';
import type { ExportContent, ExportOutput, Exporter } from './export-content.js';

type Cell = string | number | boolean | null;
/** Lists inside one cell (members, reasons) are joined with this; the JSON format keeps them as arrays. */
export const CSV_LIST_SEPARATOR = '; ';
const ROWS_PER_WRITE = 500;

/** Rows to RFC 4180 text (CRLF, fields quoted when they hold a comma, quote or line break), a few hundred at a time. */
class CsvWriter {
  private rows: Cell[][] = [];

  constructor(private readonly out: ExportOutput) {}

  async row(cells: Cell[]): Promise<void> {
    this.rows.push(cells);
    if (this.rows.length >= ROWS_PER_WRITE) await this.flush();
  }

  async section(name: string, columns: string[]): Promise<void> {
    await this.row(['#section', name]);
    await this.row(columns);
  }

  async flush(): Promise<void> {
    if (this.rows.length === 0) return;
    const text = stringify(this.rows, { record_delimiter: 'windows', cast: { boolean: (b) => String(b) } });
    this.rows = [];
    await this.out.write(text);
  }
}

/**
 * One CSV file with sections. Each section is a row `#section,<name>`, then its header row,
 * then its data rows; sections follow each other with nothing in between, always in this
 * order, each present even when empty: header (field,value pairs), incidents,
 * incident_members, acknowledgements, notes, incident_timeline, transitions, summaries.
 * Empty cells are nulls; times are ISO 8601 in the site's time zone with offset.
 */
export const csvExporter: Exporter = {
  contentType: 'text/csv; charset=utf-8; header=present',
  extension: 'csv',
  async write(content: ExportContent, out: ExportOutput): Promise<void> {
    const csv = new CsvWriter(out);
    const h = content.header;
    await csv.section('header', ['field', 'value']);
    const fields: Array<[string, Cell]> = [
      ['schema', h.schema],
      ['exportId', h.exportId],
      ['site', h.site.name],
      ['timezone', h.site.timezone],
      ['from', h.window.from],
      ['to', h.window.to],
      ['generatedAt', h.generatedAt],
      ['integrations', h.integrations ? h.integrations.join(CSV_LIST_SEPARATOR) : null],
      ['chainHeadSeq', h.chainHead?.seq ?? null],
      ['chainHeadHash', h.chainHead?.hash ?? null],
      ['digestAlgorithm', h.digest.algorithm],
      ['digestHeader', h.digest.header],
      ['digestSidecar', h.digest.sidecar],
      ...Object.entries(h.definitions).map(([k, v]): [string, Cell] => [`definition.${k}`, v]),
    ];
    for (const f of fields) await csv.row(f);

    await csv.section('incidents', ['id', 'title', 'kind', 'attribution', 'attributionSubject', 'status', 'worst', 'start', 'end', 'durationSeconds', 'ongoing', 'mergedInto', 'members', 'acknowledgements', 'notes']);
    for await (const i of content.incidents()) {
      const members = i.members.map((m) => m.integrationId).join(CSV_LIST_SEPARATOR);
      await csv.row([i.id, i.title, i.kind, i.attribution.cause, i.attribution.subject, i.status, i.worst, i.start, i.end, i.durationSeconds, i.ongoing, i.mergedInto, members, i.acknowledgements.length, i.notes.length]);
    }
    await csv.section('incident_members', ['incidentId', 'integrationId', 'name', 'side', 'partner', 'joinedAt', 'leftAt', 'leftAs', 'movedTo', 'status', 'worst']);
    for await (const i of content.incidents()) {
      for (const m of i.members) await csv.row([i.id, m.integrationId, m.name, m.side, m.partner, m.joinedAt, m.leftAt, m.leftAs, m.movedTo, m.status, m.worst]);
    }
    await csv.section('acknowledgements', ['incidentId', 'at', 'by', 'note']);
    for await (const i of content.incidents()) for (const a of i.acknowledgements) await csv.row([i.id, a.at, a.by, a.note]);
    await csv.section('notes', ['incidentId', 'at', 'by', 'text']);
    for await (const i of content.incidents()) for (const n of i.notes) await csv.row([i.id, n.at, n.by, n.text]);
    await csv.section('incident_timeline', ['incidentId', 'at', 'text']);
    for await (const i of content.incidents()) for (const e of i.timeline) await csv.row([i.id, e.at, e.text]);

    await csv.section('transitions', ['at', 'integrationId', 'integrationName', 'from', 'to', 'reasons']);
    for await (const t of content.transitions()) await csv.row([t.at, t.integrationId, t.integrationName, t.from, t.to, t.reasons.join(CSV_LIST_SEPARATOR)]);

    await csv.section('summaries', [
      'integrationId', 'name', 'side', 'partner', 'results', 'failures', 'availability', 'latencyP50Ms', 'latencyP95Ms', 'latencyMaxMs',
      'secondsOperational', 'secondsDegraded', 'secondsDown', 'secondsUnknown', 'secondsMaintenance',
    ]);
    for await (const s of content.summaries()) {
      const t = s.secondsIn;
      await csv.row([s.integrationId, s.name, s.side, s.partner, s.results, s.failures, s.availability, s.latencyMs.p50, s.latencyMs.p95, s.latencyMs.max, t.operational, t.degraded, t.down, t.unknown, t.maintenance]);
    }
    await csv.flush();
  },
};
