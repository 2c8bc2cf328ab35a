import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Observation, Status } from '@lifeline/shared';
import { Subject, type Observable } from 'rxjs';
import { DataSource } from 'typeorm';

export interface ResultRow {
  observation: Observation;
  integrationId: string;
}

export interface TransitionRow {
  integrationId: string;
  from: Status;
  to: Status;
  at: number;
  reasons: string[];
}

/** After each stored batch: how many rows, and the earliest result time in it (late rows must be rolled up again). */
export interface WrittenBatch {
  results: number;
  transitions: number;
  oldestResultAt?: number;
}

const FLUSH_EVERY_MS = 1_000;
/** Above this many rows waiting, the oldest results are dropped (and counted) rather than memory growing without end. */
const MAX_PENDING = 200_000;

/**
 * Writes results and transitions in batches (about a second's worth per statement) so the
 * probes never wait on the database. Failed batches stay queued and are retried in order.
 */
@Injectable()
export class HistoryWriterService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('HistoryWriter');
  private results: ResultRow[] = [];
  private transitions: TransitionRow[] = [];
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;
  private readonly transitionsAdded = new Subject<TransitionRow>();
  private readonly batches = new Subject<WrittenBatch>();
  dropped = 0;
  written = 0;
  lastFlushAt?: number;
  lastError?: { at: number; message: string };

  constructor(private readonly db: DataSource) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  /** Every transition as it is queued (the audit log records them). */
  get transitionAdded(): Observable<TransitionRow> {
    return this.transitionsAdded.asObservable();
  }

  /** Every batch once it is stored. */
  get batchesWritten(): Observable<WrittenBatch> {
    return this.batches.asObservable();
  }

  get pending(): number {
    return this.results.length + this.transitions.length;
  }

  addResult(row: ResultRow): void {
    this.results.push(row);
    if (this.results.length > MAX_PENDING) {
      this.results.shift();
      this.dropped += 1;
    }
  }

  addTransition(row: TransitionRow): void {
    this.transitions.push(row);
    this.transitionsAdded.next(row);
  }

  /** Writes everything queued so far; concurrent callers share one flush. */
  flush(): Promise<void> {
    this.flushing ??= this.doFlush().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async doFlush(): Promise<void> {
    if (!this.db.isInitialized) return;
    const results = this.results;
    const transitions = this.transitions;
    if (results.length === 0 && transitions.length === 0) return;
    this.results = [];
    this.transitions = [];
    try {
      await this.db.transaction(async (m) => {
        if (transitions.length) await m.query(INSERT_TRANSITIONS, transitionColumns(transitions));
        if (results.length) await m.query(INSERT_RESULTS, resultColumns(results));
      });
      this.written += results.length + transitions.length;
      this.lastFlushAt = Date.now();
      this.lastError = undefined;
      let oldestResultAt: number | undefined;
      for (const r of results) if (oldestResultAt === undefined || r.observation.startedAt < oldestResultAt) oldestResultAt = r.observation.startedAt;
      this.batches.next({ results: results.length, transitions: transitions.length, oldestResultAt });
    } catch (err) {
      // Put them back in front, in order, to be retried on the next flush.
      this.results = results.concat(this.results);
      this.transitions = transitions.concat(this.transitions);
      const message = (err as Error).message;
      if (this.lastError?.message !== message) this.logger.warn(`history store unavailable, ${this.pending} rows waiting: ${message}`);
      this.lastError = { at: this.lastError?.at ?? Date.now(), message };
    }
  }
}

const INSERT_RESULTS = `INSERT INTO "result" ("check_id", "integration_id", "started_at", "duration_ms", "ok", "error_class", "stage", "message", "facts")
  SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::int[], $5::bool[], $6::text[], $7::text[], $8::text[], $9::jsonb[])`;

const INSERT_TRANSITIONS = `INSERT INTO "state_transition" ("integration_id", "from_status", "to_status", "at", "reasons")
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::jsonb[])`;

function resultColumns(rows: ResultRow[]): unknown[] {
  return [
    rows.map((r) => r.observation.checkId),
    rows.map((r) => r.integrationId),
    rows.map((r) => new Date(r.observation.startedAt).toISOString()),
    rows.map((r) => Math.round(r.observation.durationMs)),
    rows.map((r) => r.observation.ok),
    rows.map((r) => r.observation.failure?.errorClass ?? null),
    rows.map((r) => r.observation.failure?.stage ?? null),
    rows.map((r) => r.observation.failure?.message ?? null),
    rows.map((r) => (r.observation.facts ? JSON.stringify(r.observation.facts) : null)),
  ];
}

function transitionColumns(rows: TransitionRow[]): unknown[] {
  return [
    rows.map((r) => r.integrationId),
    rows.map((r) => r.from),
    rows.map((r) => r.to),
    rows.map((r) => new Date(r.at).toISOString()),
    rows.map((r) => JSON.stringify(r.reasons)),
  ];
}
