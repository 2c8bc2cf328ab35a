import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Inject, Injectable, Logger, Optional, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { AuditChainHead, AuditLogKind } from '@lifeline/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Spool } from '../history/spool.js';
import { chainAfter, GENESIS_HASH, normalizePayload, type AuditRow, type ChainedAuditRow } from './audit-chain.js';

/** Held for the length of each append transaction, so instances sharing a database chain in turn. */
export const AUDIT_CHAIN_LOCK = 0x6c6c_6175; // "llau"
const FLUSH_EVERY_MS = 500;
const MAX_PER_STATEMENT = 5_000;
/** Above this many entries waiting (the database gone for long), the oldest are dropped, counted and recorded once it is back. */
const MAX_PENDING = 100_000;

/** `writeId` is made at append time: a batch committed whose acknowledgement was lost is not chained twice on retry. */
type Entry = Omit<AuditRow, 'seq'> & { writeId?: string };

const INSERT = `INSERT INTO "audit_log" ("seq", "at", "kind", "subject", "actor", "payload", "prev_hash", "hash", "write_id")
  SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::text[], $8::text[], $9::uuid[])`;

/**
 * The write side of the audit log. `append` queues and returns at once; a timer writes the
 * queue in order, in one transaction per batch holding an advisory lock while it reads the
 * head and chains the new rows onto it. A failed batch goes back in front and is retried —
 * with a DATA_DIR, into an on-disk spool (DATA_DIR/spool/audit) that later entries follow, so
 * the order survives an outage and a restart; the spool is written back oldest segment first.
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
  private readonly spool?: Spool<Entry>;

  constructor(
    private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(APP_CONFIG) config?: Pick<AppConfig, 'dataDir' | 'spoolMaxMb'>,
  ) {
    if (!config?.dataDir) return;
    this.spool = new Spool(join(config.dataDir, 'spool', 'audit'), {
      maxBytes: (config.spoolMaxMb ?? 512) * 1024 * 1024,
      droppable: false,
      onOverflow: (message) => this.logger.error(message),
    });
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
    this.spool?.close();
  }

  get pending(): number {
    return this.queue.length + this.spooled;
  }

  /** Entries waiting on disk for the database. */
  get spooled(): number {
    return this.spool?.rows ?? 0;
  }

  /** Queues one entry; never waits and never throws. */
  append(kind: AuditLogKind, subject: string, actor: string, payload: Record<string, unknown>): void {
    this.queue.push({ at: this.clock(), kind, subject, actor, payload: normalizePayload(payload), writeId: randomUUID() });
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
    for (let attempt = 0; attempt < 3 && (this.pending > 0 || this.flushing); attempt++) {
      await this.flush();
      if (this.lastError && this.pending > 0) throw new Error(`audit log unavailable: ${this.lastError.message}`);
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
    if (!this.db.isInitialized || this.pending === 0) return;
    if (this.droppedSinceRecorded > 0) {
      this.queue.unshift({ at: this.clock(), kind: 'audit.dropped', subject: 'audit_log', actor: 'system', payload: { entries: this.droppedSinceRecorded }, writeId: randomUUID() });
      this.droppedSinceRecorded = 0;
    }
    if (this.spool && !this.spool.empty) {
      // Earlier entries wait on disk: these go behind them, and the spool is written back in order.
      this.spool.append(this.queue.splice(0));
      try {
        for (let seg = this.spool.peek(); seg; seg = this.spool.peek()) {
          for (let i = 0; i < seg.rows.length; i += MAX_PER_STATEMENT) await this.appendBatch(seg.rows.slice(i, i + MAX_PER_STATEMENT));
          this.spool.ack(seg.name);
        }
        this.logger.log('audit log available again: spool written');
      } catch (err) {
        this.failed(err as Error);
      }
      return;
    }
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_PER_STATEMENT);
      try {
        await this.appendBatch(batch);
      } catch (err) {
        // Back in front, in order, for the next flush: on disk when there is a spool.
        if (this.spool) this.spool.append(batch.concat(this.queue.splice(0)));
        else this.queue = batch.concat(this.queue);
        this.failed(err as Error);
        return;
      }
    }
  }

  /** One transaction: under the chain lock, skip entries already stored (a lost acknowledgement), chain the rest onto the head. */
  private async appendBatch(batch: Entry[]): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock($1)`, [AUDIT_CHAIN_LOCK]);
      const ids = batch.map((e) => e.writeId).filter((id): id is string => !!id);
      const stored = new Set<string>(
        ids.length ? (await m.query(`SELECT "write_id" FROM "audit_log" WHERE "write_id" = ANY($1::uuid[])`, [ids])).map((r: { write_id: string }) => r.write_id) : [],
      );
      const fresh = stored.size ? batch.filter((e) => !e.writeId || !stored.has(e.writeId)) : batch;
      if (fresh.length === 0) return;
      const rows = chainAfter((await this.head(m)) ?? { seq: 0, hash: GENESIS_HASH }, fresh);
      await m.query(INSERT, columns(rows));
    });
    this.lastError = undefined;
  }

  private failed(err: Error): void {
    const message = err.message;
    if (this.lastError?.message !== message) this.logger.warn(`audit log unavailable, ${this.pending} entries waiting: ${message}`);
    this.lastError = { at: this.lastError?.at ?? Date.now(), message };
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
    rows.map((r) => (r as ChainedAuditRow & { writeId?: string }).writeId ?? null),
  ];
}
