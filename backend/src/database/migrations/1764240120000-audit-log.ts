import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The append-only audit log. Each row's `hash` is sha256(prev_hash + canonical row), so a row
 * changed or removed afterwards breaks the chain. A statement trigger rejects UPDATE, DELETE
 * and TRUNCATE outright; the chain still catches a superuser who switches the trigger off.
 */
export class AuditLog1764240120000 implements MigrationInterface {
  name = 'AuditLog1764240120000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "audit_log" (
      "seq" bigint PRIMARY KEY,
      "at" timestamptz NOT NULL,
      "kind" text NOT NULL,
      "subject" text NOT NULL,
      "actor" text NOT NULL,
      "payload" jsonb NOT NULL,
      "prev_hash" char(64) NOT NULL,
      "hash" char(64) NOT NULL,
      CONSTRAINT "audit_log_seq_positive" CHECK ("seq" > 0)
    )`);
    await q.query(`CREATE INDEX "audit_log_at_idx" ON "audit_log" ("at")`);
    await q.query(`CREATE INDEX "audit_log_kind_subject_idx" ON "audit_log" ("kind", "subject")`);
    await q.query(`CREATE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
    $$`);
    await q.query(`CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_log"
      FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"()`);
    // The audit export reads every transition of a window in time order.
    await q.query(`CREATE INDEX "state_transition_at_idx" ON "state_transition" ("at", "id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "state_transition_at_idx"`);
    await q.query(`DROP TABLE "audit_log"`);
    await q.query(`DROP FUNCTION "audit_log_append_only"()`);
  }
}
