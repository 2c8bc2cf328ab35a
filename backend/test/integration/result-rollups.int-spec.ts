import type { Observation } from '@lifeline/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HistoryWriterService } from '../../src/history/history-writer.service.js';
import { DAY_MS } from '../../src/history/partition-plan.js';
import { ROLLUP_GRACE_MS, RollupsService } from '../../src/history/rollups.service.js';
import { migratedDatabase, type MigratedDatabase } from '../support/migrated-database.js';
import { DATABASE_TARGETS } from '../support/test-database.js';

const MINUTE = 60_000;

interface Rollup {
  integration_id: string;
  check_id: string;
  minute: Date;
  count: number;
  failures: number;
  p50: number | null;
  p95: number | null;
  max: number | null;
}

describe.each(DATABASE_TARGETS)('1-minute rollups ($label)', ({ open }) => {
  let m: MigratedDatabase;
  let writer: HistoryWriterService;
  let rollups: RollupsService;
  let clock = 0;
  // A whole minute, well in the past, so nothing else lands in it.
  const t0 = Math.floor((Date.now() - 3 * 3_600_000) / MINUTE) * MINUTE;
  const rows = async (): Promise<Rollup[]> => m.db.query(
      `SELECT c."integration_id", c."check_id", r."minute", r."count", r."failures", r."p50", r."p95", r."max"
         FROM "result_rollup_1m" r JOIN "result_check" c ON c."ref" = r."check_ref" ORDER BY 1, 3, 2`,
    );
  const add = (checkId: string, integrationId: string, startedAt: number, durationMs: number, ok = true) =>
    writer.addResult({ integrationId, observation: { checkId, startedAt, durationMs, ok } satisfies Observation });

  beforeAll(async () => {
    m = await migratedDatabase(open);
    writer = new HistoryWriterService(m.db);
    rollups = new RollupsService(m.db, writer, { rollupRetentionDays: 730, resultsRetentionDays: 30 }, () => clock);
  });
  afterAll(async () => {
    rollups?.onModuleDestroy();
    await m?.close();
  });

  it('counts results and failures and takes p50/p95/max of the ok ones, per check and minute', async () => {
    // Minute 0: check a has 20 ok results of 1..20 ms and 2 failures (slow ones: not latency); check b one ok result.
    for (let i = 1; i <= 20; i++) add('a', 'ia', t0 + i * 1_000, i);
    add('a', 'ia', t0 + 30_000, 9_999, false);
    add('a', 'ia', t0 + 31_000, 9_999, false);
    add('b', 'ib', t0 + 59_999, 7);
    // Minute 1: only failures.
    add('a', 'ia', t0 + MINUTE + 5_000, 5_000, false);
    await writer.flush();
    const n = await rollups.rollUp(t0, t0 + 2 * MINUTE);
    expect(n).toBe(3);
    expect(await rows()).toEqual([
      { integration_id: 'ia', check_id: 'a', minute: new Date(t0), count: 22, failures: 2, p50: 10, p95: 19, max: 20 },
      { integration_id: 'ia', check_id: 'a', minute: new Date(t0 + MINUTE), count: 1, failures: 1, p50: null, p95: null, max: null },
      { integration_id: 'ib', check_id: 'b', minute: new Date(t0), count: 1, failures: 0, p50: 7, p95: 7, max: 7 },
    ]);
  });

  it('is idempotent: rolling up again gives the same rows, no duplicates', async () => {
    const before = await rows();
    await rollups.rollUp(t0 - 5 * MINUTE, t0 + 10 * MINUTE);
    expect(await rows()).toEqual(before);
  });

  it('rolls up only complete minutes, and again the minutes a late batch of results falls in', async () => {
    clock = t0 + 2 * MINUTE + ROLLUP_GRACE_MS + 1_000;
    await rollups.run(clock);
    rollups.watchLateResults();
    // Much later, results of minute 0 arrive (the database was away): the next run redoes that minute.
    clock = t0 + 60 * MINUTE;
    await rollups.run(clock);
    add('b', 'ib', t0 + 10_000, 100);
    await writer.flush();
    await rollups.run(clock + MINUTE);
    const b = (await rows()).find((r) => r.check_id === 'b' && r.minute.getTime() === t0)!;
    expect(b).toMatchObject({ count: 2, p50: 7, max: 100 });
  });

  it('does not roll up a minute before its grace has passed', async () => {
    const recent = Math.floor(Date.now() / MINUTE) * MINUTE;
    add('c', 'ic', recent + 1_000, 5);
    await writer.flush();
    await rollups.run(recent + MINUTE + 1_000);
    expect((await rows()).some((r) => r.check_id === 'c')).toBe(false);
    await rollups.run(recent + MINUTE + ROLLUP_GRACE_MS + 1_000);
    expect((await rows()).some((r) => r.check_id === 'c')).toBe(true);
  });

  it('stops a long catch-up at shutdown, after the statement in hand', async () => {
    const stopping = new RollupsService(m.db, writer, { rollupRetentionDays: 730, resultsRetentionDays: 30 }, () => clock);
    stopping.onModuleDestroy();
    expect(await stopping.rollUp(t0 - 30 * DAY_MS, t0)).toBe(0);
  });

  it('deletes rollups older than ROLLUP_RETENTION_DAYS', async () => {
    const short = new RollupsService(m.db, writer, { rollupRetentionDays: 1, resultsRetentionDays: 30 }, () => clock);
    await short.run(t0 + DAY_MS + 30 * MINUTE);
    const left = await rows();
    expect(left.every((r) => r.minute.getTime() >= t0 + 30 * MINUTE)).toBe(true);
  });
});
