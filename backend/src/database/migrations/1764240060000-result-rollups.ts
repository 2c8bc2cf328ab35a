import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per check and minute: how many results, how many failed, and the latency of the ok ones
 * (p50, p95, max). Kept much longer than the raw results; recomputed idempotently.
 */
export class ResultRollups1764240060000 implements MigrationInterface {
  name = 'ResultRollups1764240060000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "result_rollup_1m" (
      "integration_id" text NOT NULL,
      "check_id" text NOT NULL,
      "minute" timestamptz NOT NULL,
      "count" integer NOT NULL,
      "failures" integer NOT NULL,
      "p50" integer,
      "p95" integer,
      "max" integer,
      CONSTRAINT "result_rollup_1m_pkey" PRIMARY KEY ("integration_id", "minute", "check_id")
    )`);
    await q.query(`CREATE INDEX "result_rollup_1m_minute_idx" ON "result_rollup_1m" ("minute")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "result_rollup_1m"`);
  }
}
