import type { Observation } from '@lifeline/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, MIGRATIONS } from '../../src/database/data-source-options.js';
import { HistoryWriterService } from '../../src/history/history-writer.service.js';
import { DAY_MS, dayPartitionFor } from '../../src/history/partition-plan.js';
import { PartitionsService } from '../../src/history/partitions.service.js';
import { migratedDatabase, type MigratedDatabase } from '../support/migrated-database.js';
import { DATABASE_TARGETS } from '../support/test-database.js';

const obs = (startedAt: number, ok = true): Observation => ({ checkId: 'c1', startedAt, durationMs: 12, ok });

describe.each(DATABASE_TARGETS)('results partitioned by day ($label)', ({ open }) => {
  let m: MigratedDatabase;
  let writer: HistoryWriterService;
  const now = Date.now();
  const partitionOf = async (startedAt: number): Promise<string> => {
    const rows = await m.db.query(`SELECT tableoid::regclass::text AS "p" FROM "result" WHERE "started_at" = $1`, [new Date(startedAt)]);
    return rows[0]?.p;
  };

  beforeAll(async () => {
    m = await migratedDatabase(open);
    writer = new HistoryWriterService(m.db);
  });
  afterAll(async () => {
    await m?.close();
  });

  it('is a table partitioned by range of started_at, with a default partition and today + 2 days', async () => {
    const [{ strategy }] = await m.db.query(`SELECT partstrat AS "strategy" FROM pg_partitioned_table WHERE partrelid = 'result'::regclass`);
    expect(strategy).toBe('r');
    const service = new PartitionsService(m.db, { resultsRetentionDays: 30 }, () => now);
    const names = await service.existing();
    for (let d = 0; d <= 2; d++) expect(names).toContain(dayPartitionFor(now + d * DAY_MS).name);
    const [{ found }] = await m.db.query(`SELECT to_regclass('result_default') IS NOT NULL AS "found"`);
    expect(found).toBe(true);
  });

  it('routes batched inserts across days to their partitions; the default catches days without one', async () => {
    const today = now - 1_000;
    const tomorrow = now + DAY_MS;
    const old = now - 40 * DAY_MS;
    const farFuture = now + 5 * 365 * DAY_MS;
    for (const t of [today, tomorrow, old, farFuture]) writer.addResult({ integrationId: 'i1', observation: obs(t) });
    await writer.flush();
    expect(writer.lastError).toBeUndefined();
    expect(await partitionOf(today)).toBe(dayPartitionFor(today).name);
    expect(await partitionOf(tomorrow)).toBe(dayPartitionFor(tomorrow).name);
    expect(await partitionOf(old)).toBe('result_default');
    expect(await partitionOf(farFuture)).toBe('result_default');
  });

  it('making a day partition moves that day out of the default partition', async () => {
    const service = new PartitionsService(m.db, { resultsRetentionDays: 30 }, () => now);
    const farFuture = now + 5 * 365 * DAY_MS;
    expect(await service.ensure(dayPartitionFor(farFuture))).toBe(true);
    expect(await service.ensure(dayPartitionFor(farFuture))).toBe(false);
    expect(await partitionOf(farFuture)).toBe(dayPartitionFor(farFuture).name);
    // Its indexes came with it.
    const idx = await m.db.query(`SELECT indexname FROM pg_indexes WHERE tablename = $1`, [dayPartitionFor(farFuture).name]);
    expect(idx.length).toBe(2);
  });

  it('retention drops whole day partitions past RESULTS_RETENTION_DAYS and old rows in the default partition', async () => {
    const service = new PartitionsService(m.db, { resultsRetentionDays: 30 }, () => now);
    // Two old days with their own partitions, one inside retention.
    const expired = now - 35 * DAY_MS;
    const kept = now - 10 * DAY_MS;
    await service.ensure(dayPartitionFor(expired));
    await service.ensure(dayPartitionFor(kept));
    writer.addResult({ integrationId: 'i1', observation: obs(expired) });
    writer.addResult({ integrationId: 'i1', observation: obs(kept) });
    await writer.flush();
    const run = await service.maintain(now);
    expect(run.dropped).toEqual([dayPartitionFor(expired).name]);
    expect(run.defaultRowsDeleted).toBe(1); // the 40-day-old row
    expect(await service.existing()).not.toContain(dayPartitionFor(expired).name);
    expect(await partitionOf(kept)).toBe(dayPartitionFor(kept).name);
    const [{ n }] = await m.db.query(`SELECT count(*)::int AS "n" FROM "result" WHERE "started_at" < $1`, [new Date(now - 30 * DAY_MS)]);
    expect(n).toBe(0);
    // Run again: nothing left to do.
    expect(await service.maintain(now)).toEqual({ created: [], dropped: [], defaultRowsDeleted: 0 });
  });

  it('makes tomorrow + 2 when the clock moves on', async () => {
    const service = new PartitionsService(m.db, { resultsRetentionDays: 30 }, () => now);
    const later = now + 3 * DAY_MS;
    const run = await service.maintain(later);
    expect(run.created).toContain(dayPartitionFor(later + 2 * DAY_MS).name);
  });
});

describe.each(DATABASE_TARGETS)('the partitioning migration on a database with results ($label)', ({ open }) => {
  it('moves every stored result into the partitioned table, keeping ids and the sequence', async () => {
    const database = await open();
    const before = MIGRATIONS.findIndex((mig) => mig.name === 'ResultPartitions1764240000000');
    const early = new DataSource({ ...buildDataSourceOptions(database.url), migrations: MIGRATIONS.slice(0, before) });
    try {
      await early.initialize();
      const now = Date.now();
      await early.query(
        `INSERT INTO "result" ("check_id", "integration_id", "started_at", "duration_ms", "ok") SELECT 'c', 'i', now() - make_interval(days => n), n, n % 2 = 0 FROM generate_series(0, 9) n`,
      );
      await early.destroy();
      // Up to the partitioning and what followed it, before results lost their id (CompactResults).
      const upTo = MIGRATIONS.findIndex((mig) => mig.name === 'CompactResults1764430000000');
      const full = new DataSource({ ...buildDataSourceOptions(database.url), migrations: MIGRATIONS.slice(0, upTo) });
      await full.initialize();
      const rows = await full.query(`SELECT "id", "duration_ms", tableoid::regclass::text AS "p", "started_at" FROM "result" ORDER BY "id"`);
      expect(rows.map((r: { duration_ms: number }) => r.duration_ms)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      for (const r of rows as Array<{ p: string; started_at: Date }>) expect(r.p).toBe(dayPartitionFor(r.started_at.getTime()).name);
      const [{ id }] = await full.query(`INSERT INTO "result" ("check_id", "integration_id", "started_at", "duration_ms", "ok") VALUES ('c', 'i', $1, 1, true) RETURNING "id"`, [new Date(now)]);
      expect(Number(id)).toBe(11);
      await full.destroy();
    } finally {
      if (early.isInitialized) await early.destroy();
      await database.drop();
    }
  });
});
