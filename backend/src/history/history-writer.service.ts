import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Inject, Injectable, Logger, Optional, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { HistoryStoreState, Observation, Status } from '@lifeline/shared';
import { Subject, type Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Spool } from './spool.js';

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
  /** Made when the transition is queued, so a retried batch is stored once. */
  writeId?: string;
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
 * probes never wait on the database. With a DATA_DIR, a batch the database refuses goes to
 * an on-disk spool (results and transitions, each its own stream) and later batches follow it
 * there, so order is kept; the drain writes the spool back oldest first once the database
 * answers, and at start. Writes are idempotent (results unique per check and start time,
 * transitions by `write_id`), so a committed batch whose acknowledgement was lost lands once.
 * Without a DATA_DIR (some tests) failed batches stay queued in memory and are retried.
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
  private readonly spools?: { results: Spool<ResultRow>; transitions: Spool<TransitionRow> };

  constructor(
    private readonly db: DataSource,
    @Optional() @Inject(APP_CONFIG) config?: Pick<AppConfig, 'dataDir' | 'spoolMaxMb'>,
  ) {
    if (!config?.dataDir) return;
    const maxBytes = (config.spoolMaxMb ?? 512) * 1024 * 1024;
    const onOverflow = (message: string) => this.logger.error(message);
    this.spools = {
      results: new Spool(join(config.dataDir, 'spool', 'results'), { maxBytes, droppable: true, onOverflow }),
      transitions: new Spool(join(config.dataDir, 'spool', 'transitions'), { maxBytes, droppable: false, onOverflow }),
    };
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_EVERY_MS);
    this.timer.unref();
    if (this.spooled > 0) this.logger.log(`${this.spooled} rows spooled on disk from before: writing them first`);
    void this.flush();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
    this.spools?.results.close();
    this.spools?.transitions.close();
  }

  /** Results the full spool threw away (oldest first). */
  get spoolDropped(): number {
    return this.spools?.results.dropped ?? 0;
  }

  /** For the snapshot and the wall: is the database taking writes, and since when not. */
  get state(): HistoryStoreState {
    if (!this.lastError) return { available: true, ...(this.spooled ? { spooled: this.spooled } : {}) };
    return { available: false, unavailableSince: new Date(this.lastError.at).toISOString(), spooled: this.spooled };
  }

  /** Rows waiting on disk for the database. */
  get spooled(): number {
    return this.spools ? this.spools.results.rows + this.spools.transitions.rows : 0;
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
    row.writeId ??= randomUUID();
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
    this.results = [];
    this.transitions = [];
    const spools = this.spools;
    if (spools && this.spooled > 0) {
      // Earlier rows are on disk: these go behind them, then the spool drains in order.
      spools.transitions.append(transitions);
      spools.results.append(results);
      await this.drain(spools);
      return;
    }
    if (results.length === 0 && transitions.length === 0) return;
    try {
      await this.write(results, transitions);
    } catch (err) {
      if (spools) {
        spools.transitions.append(transitions);
        spools.results.append(results);
      } else {
        // Put them back in front, in order, to be retried on the next flush.
        this.results = results.concat(this.results);
        this.transitions = transitions.concat(this.transitions);
      }
      this.failed(err as Error);
    }
  }

  /** Writes the spooled segments back, transitions first, oldest first; stops at the first refusal. */
  private async drain(spools: NonNullable<HistoryWriterService['spools']>): Promise<void> {
    try {
      for (let seg = spools.transitions.peek(); seg; seg = spools.transitions.peek()) {
        await this.write([], seg.rows);
        spools.transitions.ack(seg.name);
      }
      for (let seg = spools.results.peek(); seg; seg = spools.results.peek()) {
        await this.write(seg.rows, []);
        spools.results.ack(seg.name);
      }
      this.logger.log('history store available again: spool written');
    } catch (err) {
      this.failed(err as Error);
    }
  }

  private async write(results: ResultRow[], transitions: TransitionRow[]): Promise<void> {
    if (results.length === 0 && transitions.length === 0) return;
    await this.db.transaction(async (m) => {
      if (transitions.length) await m.query(INSERT_TRANSITIONS, transitionColumns(transitions));
      if (results.length) {
        const columns = resultColumns(results);
        await m.query(INSERT_CHECK_REFS, columns.slice(0, 2));
        await m.query(INSERT_RESULTS, columns);
      }
    });
    this.written += results.length + transitions.length;
    this.lastFlushAt = Date.now();
    this.lastError = undefined;
    let oldestResultAt: number | undefined;
    for (const r of results) if (oldestResultAt === undefined || r.observation.startedAt < oldestResultAt) oldestResultAt = r.observation.startedAt;
    this.batches.next({ results: results.length, transitions: transitions.length, oldestResultAt });
  }

  private failed(err: Error): void {
    const message = err.message;
    if (this.lastError?.message !== message) this.logger.warn(`history store unavailable, ${this.pending + this.spooled} rows waiting: ${message}`);
    this.lastError = { at: this.lastError?.at ?? Date.now(), message };
  }
}

/**
 * A (check, integration) pair gets its `check_ref` the first time it is written. Pairs already
 * known are filtered first: ON CONFLICT alone would draw an identity value for every row.
 * Its own statement, so the insert below (a new snapshot) sees refs another instance just made.
 */
const INSERT_CHECK_REFS = `INSERT INTO "result_check" ("check_id", "integration_id")
  SELECT DISTINCT u."check_id", u."integration_id" FROM unnest($1::text[], $2::text[]) AS u("check_id", "integration_id")
   WHERE NOT EXISTS (SELECT 1 FROM "result_check" c WHERE c."check_id" = u."check_id" AND c."integration_id" = u."integration_id")
  ON CONFLICT DO NOTHING`;

const INSERT_RESULTS = `INSERT INTO "result" ("started_at", "check_ref", "duration_ms", "error_class", "stage", "message", "facts")
  SELECT u."started_at", c."ref", u."duration_ms", u."error_class", u."stage", u."message", u."facts"
    FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::int[], $5::text[], $6::text[], $7::text[], $8::jsonb[])
         AS u("check_id", "integration_id", "started_at", "duration_ms", "error_class", "stage", "message", "facts")
    JOIN "result_check" c ON c."check_id" = u."check_id" AND c."integration_id" = u."integration_id"
  ON CONFLICT ("check_ref", "started_at") DO NOTHING`;

const INSERT_TRANSITIONS = `INSERT INTO "state_transition" ("integration_id", "from_status", "to_status", "at", "reasons", "write_id")
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::jsonb[], $6::uuid[])
  ON CONFLICT ("write_id") DO NOTHING`;

/** `ok` is stored as "no error class", so a failure always has one; facts are kept for failures only (and not `{}`). */
function resultColumns(rows: ResultRow[]): unknown[] {
  const failure = (o: Observation) => (o.ok ? undefined : (o.failure ?? { errorClass: 'internal', stage: null, message: null }));
  return [
    rows.map((r) => r.observation.checkId),
    rows.map((r) => r.integrationId),
    rows.map((r) => new Date(r.observation.startedAt).toISOString()),
    rows.map((r) => Math.round(r.observation.durationMs)),
    rows.map((r) => failure(r.observation)?.errorClass ?? null),
    rows.map((r) => failure(r.observation)?.stage ?? null),
    rows.map((r) => failure(r.observation)?.message ?? null),
    rows.map((r) => (!r.observation.ok && r.observation.facts && Object.keys(r.observation.facts).length ? JSON.stringify(r.observation.facts) : null)),
  ];
}

function transitionColumns(rows: TransitionRow[]): unknown[] {
  return [
    rows.map((r) => r.integrationId),
    rows.map((r) => r.from),
    rows.map((r) => r.to),
    rows.map((r) => new Date(r.at).toISOString()),
    rows.map((r) => JSON.stringify(r.reasons)),
    rows.map((r) => r.writeId ?? null),
  ];
}
