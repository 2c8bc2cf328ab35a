import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import type { Subscription } from 'rxjs';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DAY_MS } from './partition-plan.js';
import { HistoryWriterService } from './history-writer.service.js';

const MINUTE = 60_000;
/** A minute is rolled up once this long has passed after it: a probe started in it has answered (or timed out) and been written. */
export const ROLLUP_GRACE_MS = 2 * MINUTE;
/** Every run recomputes this much before the last rolled-up minute, for stragglers. */
const LOOKBACK_MS = 10 * MINUTE;
/** A catch-up (first start, or a backlog written late) goes an hour per statement. */
const CHUNK_MS = 60 * MINUTE;
const RUN_LOCK = 0x6c6c_726f; // "llro"

const floorMinute = (ms: number) => Math.floor(ms / MINUTE) * MINUTE;

/**
 * Each run recomputes the last LOOKBACK_MS: an unchanged minute is left as it is (not rewritten),
 * so each rollup row is written about once instead of once per run.
 */
const ROLL_UP = `WITH "written" AS (INSERT INTO "result_rollup_1m" AS r ("minute", "check_ref", "count", "failures", "p50", "p95", "max")
  SELECT date_trunc('minute', "started_at"), "check_ref", count(*), count("error_class"),
         percentile_disc(0.5) WITHIN GROUP (ORDER BY "duration_ms") FILTER (WHERE "error_class" IS NULL),
         percentile_disc(0.95) WITHIN GROUP (ORDER BY "duration_ms") FILTER (WHERE "error_class" IS NULL),
         max("duration_ms") FILTER (WHERE "error_class" IS NULL)
    FROM "result" WHERE "started_at" >= $1 AND "started_at" < $2
   GROUP BY 1, 2
  ON CONFLICT ("check_ref", "minute") DO UPDATE SET
    "count" = EXCLUDED."count", "failures" = EXCLUDED."failures", "p50" = EXCLUDED."p50", "p95" = EXCLUDED."p95", "max" = EXCLUDED."max"
   WHERE (r."count", r."failures", r."p50", r."p95", r."max") IS DISTINCT FROM (EXCLUDED."count", EXCLUDED."failures", EXCLUDED."p50", EXCLUDED."p95", EXCLUDED."max")
  RETURNING 1) SELECT count(*)::int AS "n" FROM "written"`;

/** The oldest result kept, per ref through the unique index (no B-tree leads with started_at). */
const FIRST_RESULT = `SELECT min(f."started_at") AS "first" FROM "result_check" c
  CROSS JOIN LATERAL (SELECT "started_at" FROM "result" WHERE "check_ref" = c."ref" AND "started_at" >= $1 ORDER BY "started_at" LIMIT 1) f`;

/**
 * 1-minute rollups of the results (count, failures, p50/p95/max latency of the ok ones),
 * computed every minute for the minutes that are complete, by an idempotent upsert: running
 * twice, or on two instances, gives the same rows. Results the history writer stores late
 * (after a database outage) mark their minutes to be rolled up again. Rollups older than
 * ROLLUP_RETENTION_DAYS are deleted.
 */
@Injectable()
export class RollupsService implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger('Rollups');
  /** Minutes before this one are rolled up (as far as this instance knows). */
  private rolledUntil?: number;
  /** Earliest result written since the last run, when it falls before rolledUntil. */
  private dirtyFrom?: number;
  private running?: Promise<void>;
  private subscription?: Subscription;
  /** Set at shutdown: a long catch-up stops after the statement in hand. */
  private stopping = false;

  constructor(
    private readonly db: DataSource,
    private readonly history: HistoryWriterService,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'rollupRetentionDays' | 'resultsRetentionDays'>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.watchLateResults();
    // A first start on a full history may have days to catch up: not on the start path.
    void this.tick();
  }

  /** Results stored after their minute was rolled up mark it to be rolled up again. */
  watchLateResults(): void {
    this.subscription ??= this.history.batchesWritten.subscribe(({ oldestResultAt }) => {
      if (oldestResultAt !== undefined && this.rolledUntil !== undefined && oldestResultAt < this.rolledUntil - LOOKBACK_MS) {
        this.dirtyFrom = Math.min(this.dirtyFrom ?? Infinity, floorMinute(oldestResultAt));
      }
    });
  }

  onModuleDestroy(): void {
    this.stopping = true;
    this.subscription?.unsubscribe();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.running;
  }

  @Interval('result-rollups', MINUTE)
  tick(): Promise<void> {
    this.running ??= this.run()
      .then(() => undefined)
      .catch((err: Error) => this.logger.warn(`rollup skipped, retried next minute: ${err.message}`))
      .finally(() => (this.running = undefined));
    return this.running!;
  }

  /** Rolls up every complete minute not yet rolled up (and recent ones again), then applies retention. */
  async run(now = this.clock()): Promise<{ from: number; until: number; rows: number }> {
    if (!this.db.isInitialized) return { from: 0, until: 0, rows: 0 };
    const until = floorMinute(now - ROLLUP_GRACE_MS);
    const from = Math.min(this.dirtyFrom ?? Infinity, (this.rolledUntil ?? (await this.storedWatermark(now))) - LOOKBACK_MS);
    this.dirtyFrom = undefined;
    const rows = await this.rollUp(from, until);
    if (this.stopping) return { from, until, rows };
    this.rolledUntil = Math.max(this.rolledUntil ?? 0, until);
    await this.db.query(`DELETE FROM "result_rollup_1m" WHERE "minute" < $1`, [new Date(now - this.config.rollupRetentionDays * DAY_MS)]);
    return { from, until, rows };
  }

  /** Rolls up [from, until) in hour-long statements; returns the rows written (new or changed). */
  async rollUp(from: number, until: number): Promise<number> {
    let rows = 0;
    for (let start = floorMinute(from); start < until && !this.stopping; start += CHUNK_MS) {
      const end = Math.min(start + CHUNK_MS, until);
      rows += await this.db.transaction(async (m) => {
        // Two instances on one minute compute the same rows; they need not do it at once.
        await m.query(`SELECT pg_advisory_xact_lock($1)`, [RUN_LOCK]);
        const [{ n }] = (await m.query(ROLL_UP, [new Date(start), new Date(end)])) as Array<{ n: number }>;
        return n;
      });
    }
    return rows;
  }

  /** Where a fresh instance starts: after the last stored rollup, or at the oldest result kept. */
  private async storedWatermark(now: number): Promise<number> {
    const [{ last }] = await this.db.query(`SELECT max("minute") AS "last" FROM "result_rollup_1m"`);
    if (last) return (last as Date).getTime() + MINUTE;
    const [{ first }] = await this.db.query(FIRST_RESULT, [
      new Date(now - this.config.resultsRetentionDays * DAY_MS - DAY_MS),
    ]);
    return first ? floorMinute((first as Date).getTime()) + LOOKBACK_MS : floorMinute(now);
  }
}
