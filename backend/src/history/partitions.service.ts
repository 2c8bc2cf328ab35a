import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { DataSource, type EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import {
  boundLiteral,
  expiredPartitions,
  parsePartitionName,
  partitionsAhead,
  retentionCutoff,
  RESULT_DEFAULT_PARTITION,
  type DayPartition,
} from './partition-plan.js';

/** Several backend instances may run this at once: they take turns. */
const PARTITION_LOCK = 0x6c6c_7061; // "llpa"
const EVERY_MS = 3_600_000;

export interface PartitionMaintenance {
  created: string[];
  dropped: string[];
  defaultRowsDeleted: number;
}

/**
 * Keeps the daily partitions of `result`: today's and the next two days' exist (made at
 * start and checked every hour), and whole days older than RESULTS_RETENTION_DAYS are
 * dropped. Rows that land in the DEFAULT partition (a day without a partition) move into
 * their day's partition when it is made, and are deleted past retention like the rest.
 * DDL waits at most a few seconds for its lock, so a long export never queues the history
 * writer's inserts behind it; a skipped run is retried on the next one.
 */
@Injectable()
export class PartitionsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Partitions');
  private running?: Promise<PartitionMaintenance | undefined>;

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'resultsRetentionDays'>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.tick();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.running;
  }

  @Interval('result-partitions', EVERY_MS)
  tick(): Promise<PartitionMaintenance | undefined> {
    this.running ??= this.maintain()
      .catch((err: Error) => {
        this.logger.warn(`partition maintenance skipped, retried within the hour: ${err.message}`);
        return undefined;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  async maintain(now = this.clock()): Promise<PartitionMaintenance> {
    if (!this.db.isInitialized) return { created: [], dropped: [], defaultRowsDeleted: 0 };
    const created: string[] = [];
    for (const p of partitionsAhead(now)) if (await this.ensure(p)) created.push(p.name);
    const { dropped, defaultRowsDeleted } = await this.dropExpired(now);
    if (created.length || dropped.length) this.logger.log(`results partitions: created ${created.join(', ') || 'none'}; dropped ${dropped.join(', ') || 'none'}`);
    return { created, dropped, defaultRowsDeleted };
  }

  /** The day partitions of `result` that exist now (not the default one), oldest first. */
  async existing(): Promise<string[]> {
    const rows: Array<{ name: string }> = await this.db.query(
      `SELECT c.relname AS "name" FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'result'::regclass ORDER BY 1`,
    );
    return rows.map((r) => r.name).filter((n) => parsePartitionName(n));
  }

  /** Makes a day's partition if missing; rows the default partition holds for that day move in. */
  async ensure(p: DayPartition): Promise<boolean> {
    return this.locked(async (m) => {
      const [{ found }] = await m.query(`SELECT to_regclass($1) IS NOT NULL AS "found"`, [p.name]);
      if (found) return false;
      const bounds = `FOR VALUES FROM (${boundLiteral(p.from)}) TO (${boundLiteral(p.to)})`;
      const strays = await m.query(`SELECT 1 FROM "${RESULT_DEFAULT_PARTITION}" WHERE "started_at" >= $1 AND "started_at" < $2 LIMIT 1`, [new Date(p.from), new Date(p.to)]);
      if (strays.length === 0) {
        await m.query(`CREATE TABLE "${p.name}" PARTITION OF "result" ${bounds}`);
        return true;
      }
      // The default partition holds rows of this day: take them out, then attach.
      await m.query(`CREATE TABLE "${p.name}" (LIKE "result" INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
      await m.query(
        `WITH moved AS (DELETE FROM "${RESULT_DEFAULT_PARTITION}" WHERE "started_at" >= $1 AND "started_at" < $2 RETURNING *) INSERT INTO "${p.name}" SELECT * FROM moved`,
        [new Date(p.from), new Date(p.to)],
      );
      await m.query(`ALTER TABLE "result" ATTACH PARTITION "${p.name}" ${bounds}`);
      return true;
    });
  }

  /** Drops day partitions past retention, and deletes past-retention rows from the default partition. */
  async dropExpired(now = this.clock()): Promise<{ dropped: string[]; defaultRowsDeleted: number }> {
    const dropped: string[] = [];
    for (const name of expiredPartitions(await this.existing(), now, this.config.resultsRetentionDays)) {
      await this.locked((m) => m.query(`DROP TABLE IF EXISTS "${name}"`));
      dropped.push(name);
    }
    const cutoff = new Date(retentionCutoff(now, this.config.resultsRetentionDays));
    const [, deleted] = (await this.db.query(`DELETE FROM "${RESULT_DEFAULT_PARTITION}" WHERE "started_at" < $1`, [cutoff])) as [unknown, number];
    return { dropped, defaultRowsDeleted: deleted ?? 0 };
  }

  private locked<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(async (m) => {
      await m.query(`SET LOCAL lock_timeout = '5s'`);
      await m.query(`SELECT pg_advisory_xact_lock($1)`, [PARTITION_LOCK]);
      return fn(m);
    });
  }
}
