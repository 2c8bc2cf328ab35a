import { describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, MIGRATIONS } from '../../src/database/data-source-options.js';
import { HistoryQueryService } from '../../src/history/history-query.service.js';
import { DAY_MS, dayPartitionFor } from '../../src/history/partition-plan.js';
import { DATABASE_TARGETS } from '../support/test-database.js';

const MIN = 60_000;

describe.each(DATABASE_TARGETS)('the compact-results migration on a database with results ($label)', ({ open }) => {
  it('moves results and rollups to check refs, drops facts of ok results, and goes back down', async () => {
    const database = await open();
    const before = MIGRATIONS.findIndex((mig) => mig.name === 'CompactResults1764430000000');
    const early = new DataSource({ ...buildDataSourceOptions(database.url), migrations: MIGRATIONS.slice(0, before) });
    let full: DataSource | undefined;
    try {
      await early.initialize();
      const t = Math.floor(Date.now() / MIN) * MIN - 10 * MIN;
      const old = t - 400 * DAY_MS; // no partition: in the default one
      await early.query(
        `INSERT INTO "result" ("check_id", "integration_id", "started_at", "duration_ms", "ok", "error_class", "stage", "message", "facts") VALUES
          ('a#0', 'a', $1, 10, true, NULL, NULL, NULL, '{"httpStatus":200}'),
          ('a#0', 'a', $2, 5000, false, 'timeout', 'response', 'no answer', '{"httpStatus":504}'),
          ('b#0', 'b', $3, 20, true, NULL, NULL, NULL, NULL),
          ('b#0', 'b', $4, 30, false, NULL, NULL, NULL, NULL)`,
        [new Date(t), new Date(t + 1_000), new Date(t + 500), new Date(old)],
      );
      await early.query(`INSERT INTO "result_rollup_1m" VALUES ('a', 'a#0', $1, 2, 1, 10, 10, 10), ('b', 'b#0', $1, 1, 0, 20, 20, 20)`, [new Date(t)]);
      await early.destroy();

      full = new DataSource(buildDataSourceOptions(database.url));
      await full.initialize();
      expect(await full.query(`SELECT "check_id", "integration_id" FROM "result_check" ORDER BY "ref"`)).toEqual([
        { check_id: 'a#0', integration_id: 'a' },
        { check_id: 'b#0', integration_id: 'b' },
      ]);
      const rows = await full.query(
        `SELECT c."check_id", r."duration_ms", r."error_class", r."facts", r.tableoid::regclass::text AS "p"
           FROM "result" r JOIN "result_check" c ON c."ref" = r."check_ref" ORDER BY c."check_id", r."started_at"`,
      );
      expect(rows).toEqual([
        { check_id: 'a#0', duration_ms: 10, error_class: null, facts: null, p: dayPartitionFor(t).name },
        { check_id: 'a#0', duration_ms: 5000, error_class: 'timeout', facts: { httpStatus: 504 }, p: dayPartitionFor(t + 1_000).name },
        { check_id: 'b#0', duration_ms: 30, error_class: 'internal', facts: null, p: 'result_default' },
        { check_id: 'b#0', duration_ms: 20, error_class: null, facts: null, p: dayPartitionFor(t + 500).name },
      ]);
      const history = await new HistoryQueryService(full).forIntegration('a', t - MIN, t + MIN, 10);
      expect(history.results.map((r: { ok: boolean; errorClass: string | null }) => [r.ok, r.errorClass])).toEqual([
        [false, 'timeout'],
        [true, null],
      ]);
      expect(await full.query(`SELECT "count" FROM "result_rollup_1m" r JOIN "result_check" c ON c."ref" = r."check_ref" ORDER BY c."check_id"`)).toEqual([
        { count: 2 },
        { count: 1 },
      ]);
      const indexes = await full.query(`SELECT indexname FROM pg_indexes WHERE tablename IN ('result', 'result_rollup_1m') ORDER BY 1`);
      expect(indexes.map((i: { indexname: string }) => i.indexname)).toEqual(['result_check_time_idx', 'result_rollup_1m_minute_idx', 'result_rollup_1m_pkey', 'result_started_brin']);

      // Down to just before it (later migrations first).
      for (let i = MIGRATIONS.length; i > before; i--) await full.undoLastMigration();
      const back = await full.query(`SELECT "id", "check_id", "integration_id", "ok", "error_class" FROM "result" ORDER BY "id"`);
      expect(back.map((r: { check_id: string; ok: boolean }) => [r.check_id, r.ok])).toEqual([
        ['b#0', false],
        ['a#0', true],
        ['b#0', true],
        ['a#0', false],
      ]);
      expect(await full.query(`SELECT "integration_id", "check_id", "count" FROM "result_rollup_1m" ORDER BY 1`)).toEqual([
        { integration_id: 'a', check_id: 'a#0', count: 2 },
        { integration_id: 'b', check_id: 'b#0', count: 1 },
      ]);
      const [{ found }] = await full.query(`SELECT to_regclass('result_check') IS NOT NULL AS "found"`);
      expect(found).toBe(false);
    } finally {
      if (early.isInitialized) await early.destroy();
      if (full?.isInitialized) await full.destroy();
      await database.drop();
    }
  });
});
