import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { AuditChainHead, AuditLogKind } from '@lifeline/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '../common/clock.js';
import { chainAfter, GENESIS_HASH, normalizePayload, type AuditRow, type ChainedAuditRow } from './audit-chain.js';

/** Held for the length of each append transaction, so instances sharing a database chain in turn. */
export const AUDIT_CHAIN_LOCK = 0x6c6c_6175; // "llau"
const FLUSH_EVERY_MS = 500;
const MAX_PER_STATEMENT = 5_000;
/** Above this many entries waiting (the database gone for long), the oldest are dropped, counted and recorded once it is back. */
const MAX_PENDING = 100_000;

type Entry = Omit<AuditRow, 'seq'>;

const INSERT = `INSERT INTO "audit_log" ("seq", "at", "kind", "subject", "actor", "payload", "prev_hash", "hash")
  SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::text[], $8::text[])`;

/**
 * The write side of the audit log. `append` queues and returns at once; a timer writes the
 * queue in order, in one transaction per batch holding an advisory lock while it reads the
 * head and chains the new rows onto it. A failed batch goes back in front and is retried.
 * Nothing here, or anywhere in the app, updates or deletes a row.
 */
@Injectable()
export class AuditService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Audit');
  private queue: Entry[] = [];
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;
  private droppedSinceRecorded = 0;
  dropped = 0;
  lastError?: { at: number; message: string };

  constructor(
    private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Queues one entry; never waits and never throws. */
  append(kind: AuditLogKind, subject: string, actor: string, payload: Record<string, unknown>): void {
    this.queue.push({ at: this.clock(), kind, subject, actor, payload: normalizePayload(payload) });
    if (this.queue.length > MAX_PENDING) {
      this.queue.shift();
      this.dropped += 1;
      this.droppedSinceRecorded += 1;
    }
  }

  /** Writes what is queued; concurrent callers share one flush. Failures are kept for a retry, not thrown. */
  flush(): Promise<void> {
    this.flushing ??= this.writeQueued().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  /** Resolves once everything appended before the call is stored; throws if the database refuses. */
  async flushed(): Promise<void> {
    for (let attempt = 0; attempt < 3 && (this.queue.length > 0 || this.flushing); attempt++) {
      await this.flush();
      if (this.lastError && this.queue.length > 0) throw new Error(`audit log unavailable: ${this.lastError.message}`);
    }
  }

  /** The last row of the chain, or null for an empty log. */
  async head(m: Pick<EntityManager, 'query'> = this.db): Promise<AuditChainHead | null> {
    const rows: Array<{ seq: string; hash: string }> = await m.query(`SELECT "seq", "hash" FROM "audit_log" ORDER BY "seq" DESC LIMIT 1`);
    return rows.length ? { seq: Number(rows[0].seq), hash: rows[0].hash } : null;
  }

  /** The latest stored row of any of these kinds (the recorder compares the catalog with the last one recorded). */
  async lastOf(kinds: readonly AuditLogKind[]): Promise<Array<{ seq: number; payload: unknown }>> {
    const rows: Array<{ seq: string; payload: unknown }> = await this.db.query(
      `SELECT "seq", "payload" FROM "audit_log" WHERE "kind" = ANY($1) ORDER BY "seq" DESC LIMIT 1`,
      [kinds],
    );
    return rows.map((r) => ({ seq: Number(r.seq), payload: r.payload }));
  }

  private async writeQueued(): Promise<void> {
    if (!this.db.isInitialized || this.queue.length === 0) return;
    if (this.droppedSinceRecorded > 0) {
      this.queue.unshift({ at: this.clock(), kind: 'audit.dropped', subject: 'audit_log', actor: 'system', payload: { entries: this.droppedSinceRecorded } });
      this.droppedSinceRecorded = 0;
    }
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_PER_STATEMENT);
      try {
        await this.db.transaction(async (m) => {
          await m.query(`SELECT pg_advisory_xact_lock($1)`, [AUDIT_CHAIN_LOCK]);
          const rows = chainAfter((await this.head(m)) ?? { seq: 0, hash: GENESIS_HASH }, batch);
          await m.query(INSERT, columns(rows));
        });
      } catch (err) {
        // Back in front, in order, for the next flush.
        this.queue = batch.concat(this.queue);
        const message = (err as Error).message;
        if (this.lastError?.message !== message) this.logger.warn(`audit log unavailable, ${this.queue.length} entries waiting: ${message}`);
        this.lastError = { at: this.lastError?.at ?? Date.now(), message };
        return;
      }
      this.lastError = undefined;
    }
  }
}

function columns(rows: ChainedAuditRow[]): unknown[] {
  return [
    rows.map((r) => r.seq),
    rows.map((r) => new Date(r.at).toISOString()),
    rows.map((r) => r.kind),
    rows.map((r) => r.subject),
    rows.map((r) => r.actor),
    rows.map((r) => JSON.stringify(r.payload)),
    rows.map((r) => r.prevHash),
    rows.map((r) => r.hash),
  ];
}
