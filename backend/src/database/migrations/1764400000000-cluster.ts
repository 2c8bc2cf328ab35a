import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scale-out: live instances, the lease of each check (which instance runs it, until when),
 * and the table the Socket.IO Postgres adapter uses for payloads too large for NOTIFY.
 */
export class Cluster1764400000000 implements MigrationInterface {
  name = 'Cluster1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "instance" (
      "id" text PRIMARY KEY,
      "started_at" timestamptz NOT NULL DEFAULT now(),
      "heartbeat_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE "check_lease" (
      "check_id" text PRIMARY KEY,
      "instance_id" text,
      "expires_at" timestamptz NOT NULL DEFAULT 'epoch',
      "last_started_at" timestamptz
    )`);
    await q.query(`CREATE INDEX "check_lease_instance_idx" ON "check_lease" ("instance_id")`);
    await q.query(`CREATE TABLE IF NOT EXISTS "socket_io_attachments" (
      "id" bigserial UNIQUE,
      "created_at" timestamptz DEFAULT now(),
      "payload" bytea
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "socket_io_attachments"`);
    await q.query(`DROP TABLE "check_lease"`);
    await q.query(`DROP TABLE "instance"`);
  }
}
