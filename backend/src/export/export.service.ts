import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, Logger, ServiceUnavailableException, type OnModuleInit } from '@nestjs/common';
import { AUDIT_EXPORT_SCHEMA, EXPORT_DIGEST_HEADER, formatZonedIso, type AuditExportFormat, type AuditExportHeader } from '@lifeline/shared';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { CatalogService } from '../catalog/catalog.service.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { ExportContent, Exporter } from './export-content.js';
import { readIncidents, readTransitions } from './export-incidents.js';
import { readSummaries, readTimelines } from './export-summaries.js';
import { csvExporter } from './csv.exporter.js';
import { HashingFile } from './hashing-file.js';
import { jsonExporter } from './json.exporter.js';
import { pdfExporter } from './pdf.exporter.js';

export const EXPORTERS: Record<AuditExportFormat, Exporter> = { csv: csvExporter, json: jsonExporter, pdf: pdfExporter };

export interface ExportRequest {
  from: number;
  to: number;
  format: AuditExportFormat;
  integrations: string[] | null;
  by: string;
}

export interface ExportFile {
  id: string;
  path: string;
  filename: string;
  contentType: string;
  sha256: string;
  bytes: number;
}

export const sidecarPath = (id: string) => `/api/audit/export/${id}.sha256`;

/** Each export holds a database connection while it runs: a few at a time, so the history writer is never starved. */
export const MAX_CONCURRENT_EXPORTS = 2;

export const EXPORT_DEFINITIONS: Record<string, string> = {
  times: "ISO 8601 in the site's time zone with the UTC offset in force at that moment",
  incidents: 'incidents that overlap the window (opened before its end, not resolved before its start), with every acknowledgement and note they received',
  availability: 'share of the results in the window that were ok (not weighted by time)',
  latency: 'of ok results only; max is exact; p50 and p95 are count-weighted percentiles of the 1-minute rollups, with raw results for partial minutes',
  secondsIn: "time in each status from the state transitions, starting from the last transition before the window and ending at the window's end or generatedAt, whichever is earlier",
};

/**
 * Makes one export: a read-only REPEATABLE READ transaction gives every section and the
 * audit chain head the same snapshot; the chosen format streams it, batch by batch, into a
 * file under DATA_DIR/exports while its SHA-256 is computed; the export is then recorded in
 * the audit log (`export.generated`, with its digest) and handed back to be sent.
 */
@Injectable()
export class ExportService implements OnModuleInit {
  private readonly logger = new Logger('Export');
  private readonly dir: string;
  private running = 0;

  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly catalog: CatalogService,
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'dataDir'>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.dir = join(config.dataDir, 'exports');
  }

  onModuleInit(): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    // Files left by a crash mid-send.
    for (const f of readdirSync(this.dir)) if (Date.now() - statSync(join(this.dir, f)).mtimeMs > 3_600_000) rmSync(join(this.dir, f), { force: true });
  }

  async create(req: ExportRequest): Promise<ExportFile> {
    if (this.running >= MAX_CONCURRENT_EXPORTS) throw new ServiceUnavailableException(`${this.running} exports are being made: try again in a minute`);
    this.running += 1;
    try {
      return await this.make(req);
    } finally {
      this.running -= 1;
    }
  }

  private async make(req: ExportRequest): Promise<ExportFile> {
    const now = this.clock();
    const id = `exp-${now.toString(36)}-${randomBytes(4).toString('hex')}`;
    const exporter = EXPORTERS[req.format];
    const tz = this.catalog.catalog.site.timezone;
    const fmt = (ms: number) => formatZonedIso(ms, tz);
    const local = (ms: number) => formatZonedIso(ms, tz, { millis: false }).slice(0, 16).replace(/[-:]/g, '');
    const filename = `lifeline-audit-${local(req.from)}-${local(req.to)}-${id}.${exporter.extension}`;
    // Entries queued before this moment belong under the head the export names.
    await this.audit.flushed().catch((err: Error) => this.logger.warn(`export ${id}: ${err.message}; the chain head is the last stored row`));

    const runner = this.db.createQueryRunner();
    const file = new HashingFile(join(this.dir, filename));
    try {
      await runner.connect();
      await runner.query('START TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const query = (sql: string, params?: unknown[]) => runner.query(sql, params);
      const header: AuditExportHeader = {
        schema: AUDIT_EXPORT_SCHEMA,
        exportId: id,
        site: { name: this.catalog.catalog.site.name, timezone: tz },
        window: { from: fmt(req.from), to: fmt(req.to) },
        generatedAt: fmt(now),
        integrations: req.integrations,
        chainHead: await this.audit.head(runner),
        digest: { algorithm: 'sha256', header: EXPORT_DIGEST_HEADER, sidecar: sidecarPath(id) },
        definitions: EXPORT_DEFINITIONS,
      };
      const { from, to, integrations: only } = req;
      const content: ExportContent = {
        header,
        from,
        to,
        incidents: () => readIncidents(query, from, to, only, fmt, now),
        transitions: () => readTransitions(query, from, to, only, fmt),
        summaries: () => readSummaries(query, from, to, only, now),
        timelines: () => readTimelines(query, from, to, only, now),
      };
      await exporter.write(content, file);
      const { sha256, bytes } = await file.close();
      await runner.query('COMMIT');
      this.audit.append('export.generated', id, req.by, {
        format: req.format,
        from: header.window.from,
        to: header.window.to,
        integrations: req.integrations,
        filename,
        bytes,
        sha256,
        chainHead: header.chainHead,
      });
      // Recorded before it is sent, so its sidecar can be fetched (from any instance) at once.
      await this.audit.flushed().catch((err: Error) => this.logger.warn(`export ${id}: not yet in the audit log: ${err.message}`));
      return { id, path: file.path, filename, contentType: exporter.contentType, sha256, bytes };
    } catch (err) {
      file.abort();
      rmSync(file.path, { force: true });
      await runner.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      await runner.release();
    }
  }

  /** An export's digest and file name, from its `export.generated` row in the audit log. */
  async sidecar(id: string): Promise<{ sha256: string; filename: string } | undefined> {
    const rows: Array<{ sha256: string; filename: string }> = await this.db.query(
      `SELECT "payload"->>'sha256' AS "sha256", "payload"->>'filename' AS "filename" FROM "audit_log" WHERE "kind" = 'export.generated' AND "subject" = $1 ORDER BY "seq" LIMIT 1`,
      [id],
    );
    return rows[0];
  }

  /** Integration ids, of those asked for, that history has never known. */
  async unknownIntegrations(ids: string[]): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(`SELECT "id" FROM "integration" WHERE "id" = ANY($1)`, [ids]);
    const known = new Set(rows.map((r) => r.id));
    return ids.filter((i) => !known.has(i));
  }
}
