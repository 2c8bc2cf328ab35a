import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exactly-once writes from the spool: a batch whose commit succeeded but whose acknowledgement
 * was lost is retried, and must not land twice. Results are naturally unique per (check,
 * start time) — a unique index on the partitioned table must include `started_at` anyway;
 * transitions and audit rows carry a `write_id` made when the row was created.
 */
export class WriteIds1764410000000 implements MigrationInterface {
  name = 'WriteIds1764410000000';

  async up(q: QueryRunner): Promise<void> {
    // Any duplicates stored before this migration would block the unique index: keep the first.
    await q.query(`DELETE FROM "result" a USING "result" b
      WHERE a."check_id" = b."check_id" AND a."started_at" = b."started_at" AND a."id" > b."id"`);
    await q.query(`DROP INDEX IF EXISTS "result_check_time_idx"`);
    await q.query(`CREATE UNIQUE INDEX "result_check_time_idx" ON "result" ("check_id", "started_at")`);
    await q.query(`ALTER TABLE "state_transition" ADD COLUMN "write_id" uuid`);
    await q.query(`CREATE UNIQUE INDEX "state_transition_write_id_idx" ON "state_transition" ("write_id")`);
    await q.query(`ALTER TABLE "audit_log" ADD COLUMN "write_id" uuid`);
    await q.query(`CREATE UNIQUE INDEX "audit_log_write_id_idx" ON "audit_log" ("write_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS "audit_log_write_id_idx"`);
    await q.query(`ALTER TABLE "audit_log" DROP COLUMN "write_id"`);
    await q.query(`DROP INDEX IF EXISTS "state_transition_write_id_idx"`);
    await q.query(`ALTER TABLE "state_transition" DROP COLUMN "write_id"`);
    await q.query(`DROP INDEX IF EXISTS "result_check_time_idx"`);
    await q.query(`CREATE INDEX "result_check_time_idx" ON "result" ("check_id", "started_at")`);
  }
}
