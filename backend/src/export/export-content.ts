import type { AuditExportHeader, AuditExportIncident, AuditExportSummary, AuditExportTransition, Status } from '@lifeline/shared';

/** One integration's time out of `operational` within the window, for the PDF's timeline chart. */
export interface IntegrationTimeline {
  integrationId: string;
  name: string;
  spans: Array<{ from: number; to: number; status: Status }>;
}

/**
 * What every format writes, as streams read from the database a batch at a time: nothing
 * here holds a whole window in memory. Each iterable may be read once per export.
 */
export interface ExportContent {
  header: AuditExportHeader;
  /** Window bounds, epoch ms (the header has them as text). */
  from: number;
  to: number;
  incidents(): AsyncIterable<AuditExportIncident>;
  transitions(): AsyncIterable<AuditExportTransition>;
  summaries(): AsyncIterable<AuditExportSummary>;
  timelines(): AsyncIterable<IntegrationTimeline>;
}

/** Where a format writes its bytes; `write` waits when the file is behind (back-pressure). */
export interface ExportOutput {
  write(chunk: string | Buffer): Promise<void>;
  /** The same destination as a stream, for writers that pipe (pdfkit). */
  readonly stream: NodeJS.WritableStream;
}

export interface Exporter {
  readonly contentType: string;
  readonly extension: string;
  write(content: ExportContent, out: ExportOutput): Promise<void>;
}
