import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764151200000 implements MigrationInterface {
  name = 'InitialSchema1764151200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "integration" (
      "id" text PRIMARY KEY,
      "name" text NOT NULL,
      "side" text NOT NULL,
      "category" text NOT NULL,
      "partner" text,
      "criticality" text NOT NULL,
      "role" text NOT NULL,
      "depends_on" text[] NOT NULL DEFAULT '{}',
      "clinician" jsonb,
      "active" boolean NOT NULL DEFAULT true,
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE "check" (
      "id" text PRIMARY KEY,
      "integration_id" text NOT NULL REFERENCES "integration"("id") ON DELETE CASCADE,
      "kind" text NOT NULL,
      "config" jsonb NOT NULL,
      "interval_ms" integer NOT NULL,
      "timeout_ms" integer NOT NULL,
      "active" boolean NOT NULL DEFAULT true
    )`);
    await q.query(`CREATE INDEX "check_integration_idx" ON "check" ("integration_id")`);
    await q.query(`CREATE TABLE "result" (
      "id" bigserial PRIMARY KEY,
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
    await q.query(`CREATE INDEX "result_integration_time_idx" ON "result" ("integration_id", "started_at")`);
    await q.query(`CREATE INDEX "result_check_time_idx" ON "result" ("check_id", "started_at")`);
    await q.query(`CREATE TABLE "state_transition" (
      "id" bigserial PRIMARY KEY,
      "integration_id" text NOT NULL,
      "from_status" text NOT NULL,
      "to_status" text NOT NULL,
      "at" timestamptz NOT NULL,
      "reasons" jsonb NOT NULL
    )`);
    await q.query(`CREATE INDEX "state_transition_integration_time_idx" ON "state_transition" ("integration_id", "at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "state_transition"`);
    await q.query(`DROP TABLE "result"`);
    await q.query(`DROP TABLE "check"`);
    await q.query(`DROP TABLE "integration"`);
  }
}
