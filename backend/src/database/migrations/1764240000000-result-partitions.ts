import type { MigrationInterface, QueryRunner } from 'typeorm';

const COLUMNS = `"id", "check_id", "integration_id", "started_at", "duration_ms", "ok", "error_class", "stage", "message", "facts"`;

/** `result_p20250304` for the UTC day [2025-03-04, 2025-03-05). */
function dayPartition(day: string): string {
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return `CREATE TABLE IF NOT EXISTS "result_p${day.replaceAll('-', '')}" PARTITION OF "result" FOR VALUES FROM ('${day} 00:00:00+00') TO ('${next} 00:00:00+00')`;
}

/**
 * `result` becomes a table partitioned by day (UTC) on `started_at`, so retention drops whole
 * partitions instead of deleting rows. A DEFAULT partition catches any row whose day has no
 * partition yet, so an insert never fails. The rows already stored move across once.
 */
export class ResultPartitions1764240000000 implements MigrationInterface {
  name = 'ResultPartitions1764240000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "result" RENAME TO "result_unpartitioned"`);
    await q.query(`ALTER TABLE "result_unpartitioned" RENAME CONSTRAINT "result_pkey" TO "result_unpartitioned_pkey"`);
    await q.query(`ALTER INDEX "result_integration_time_idx" RENAME TO "result_unpartitioned_integration_time_idx"`);
    await q.query(`ALTER INDEX "result_check_time_idx" RENAME TO "result_unpartitioned_check_time_idx"`);
    await q.query(`ALTER SEQUENCE "result_id_seq" OWNED BY NONE`);
    // No primary key: on a partitioned table it would have to include started_at, and nothing
    // looks a result up by id; the id still orders results that share a time.
    await q.query(`CREATE TABLE "result" (
      "id" bigint NOT NULL DEFAULT nextval('result_id_seq'),
      "check_id" text NOT NULL,
      "integration_id" text NOT NULL,
      "started_at" timestamptz NOT NULL,
      "duration_ms" integer NOT NULL,
      "ok" boolean NOT NULL,
      "error_class" text,
      "stage" text,
      "message" text,
      "facts" jsonb
    ) PARTITION BY RANGE ("started_at")`);
    await q.query(`ALTER SEQUENCE "result_id_seq" OWNED BY "result"."id"`);
    await q.query(`CREATE INDEX "result_integration_time_idx" ON "result" ("integration_id", "started_at")`);
    await q.query(`CREATE INDEX "result_check_time_idx" ON "result" ("check_id", "started_at")`);
    await q.query(`CREATE TABLE "result_default" PARTITION OF "result" DEFAULT`);
    // A partition per day that holds rows (within a sane range: anything else stays in the
    // default partition), and today and the next two days.
    const days: Array<{ day: string }> = await q.query(`
      SELECT DISTINCT to_char(("started_at" AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS "day" FROM "result_unpartitioned"
       WHERE "started_at" >= now() - interval '400 days' AND "started_at" < now() + interval '3 days'
      UNION
      SELECT to_char((now() AT TIME ZONE 'UTC')::date + n, 'YYYY-MM-DD') FROM generate_series(0, 2) AS n
      ORDER BY 1`);
    for (const { day } of days) await q.query(dayPartition(day));
    await q.query(`INSERT INTO "result" (${COLUMNS}) SELECT ${COLUMNS} FROM "result_unpartitioned"`);
    await q.query(`DROP TABLE "result_unpartitioned"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "result" RENAME TO "result_partitioned"`);
    await q.query(`ALTER INDEX "result_integration_time_idx" RENAME TO "result_partitioned_integration_time_idx"`);
    await q.query(`ALTER INDEX "result_check_time_idx" RENAME TO "result_partitioned_check_time_idx"`);
    await q.query(`ALTER SEQUENCE "result_id_seq" OWNED BY NONE`);
    await q.query(`CREATE TABLE "result" (
      "id" bigint PRIMARY KEY DEFAULT nextval('result_id_seq'),
      "check_id" text NOT NULL,
      "integration_id" text NOT NULL,
      "started_at" timestamptz NOT NULL,
      "duration_ms" integer NOT NULL,
      "ok" boolean NOT NULL,
      "error_class" text,
      "stage" text,
      "message" text,
      "facts" jsonb
    )`);
    await q.query(`ALTER SEQUENCE "result_id_seq" OWNED BY "result"."id"`);
    await q.query(`INSERT INTO "result" (${COLUMNS}) SELECT ${COLUMNS} FROM "result_partitioned"`);
    await q.query(`DROP TABLE "result_partitioned"`);
    await q.query(`CREATE INDEX "result_integration_time_idx" ON "result" ("integration_id", "started_at")`);
    await q.query(`CREATE INDEX "result_check_time_idx" ON "result" ("check_id", "started_at")`);
  }
}
