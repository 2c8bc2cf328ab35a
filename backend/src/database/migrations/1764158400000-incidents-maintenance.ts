import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IncidentsMaintenance1764158400000 implements MigrationInterface {
  name = 'IncidentsMaintenance1764158400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "maintenance_window" (
      "id" bigserial PRIMARY KEY,
      "integration_id" text NOT NULL,
      "starts_at" timestamptz NOT NULL,
      "ends_at" timestamptz NOT NULL,
      "reason" text NOT NULL,
      "created_by" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "cancelled_at" timestamptz,
      CONSTRAINT "maintenance_window_order" CHECK ("ends_at" > "starts_at")
    )`);
    await q.query(`CREATE INDEX "maintenance_window_end_idx" ON "maintenance_window" ("ends_at")`);
    await q.query(`CREATE TABLE "incident" (
      "id" text PRIMARY KEY,
      "key" text NOT NULL,
      "kind" text NOT NULL,
      "title" text NOT NULL,
      "status" text NOT NULL,
      "opened_at" timestamptz NOT NULL,
      "resolved_at" timestamptz,
      "closed" boolean NOT NULL DEFAULT false,
      "state" jsonb NOT NULL,
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX "incident_opened_idx" ON "incident" ("opened_at")`);
    await q.query(`CREATE INDEX "incident_open_idx" ON "incident" ("closed") WHERE NOT "closed"`);
    await q.query(`CREATE TABLE "incident_annotation" (
      "id" bigserial PRIMARY KEY,
      "incident_id" text NOT NULL REFERENCES "incident"("id"),
      "kind" text NOT NULL CHECK ("kind" IN ('ack', 'note')),
      "author" text NOT NULL,
      "text" text,
      "at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX "incident_annotation_incident_idx" ON "incident_annotation" ("incident_id", "at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "incident_annotation"`);
    await q.query(`DROP TABLE "incident"`);
    await q.query(`DROP TABLE "maintenance_window"`);
  }
}
