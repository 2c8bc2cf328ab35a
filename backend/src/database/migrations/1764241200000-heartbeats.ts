import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The last heartbeat each heartbeat check received, so a restart does not forget it: one row
 * per check, overwritten on every push. `recent` holds the freshness times (epoch ms) of the
 * last heartbeats, from which the usual cadence is computed. No push key is ever stored.
 */
export class Heartbeats1764241200000 implements MigrationInterface {
  name = 'Heartbeats1764241200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "heartbeat" (
      "check_id" text PRIMARY KEY,
      "integration_id" text NOT NULL,
      "received_at" timestamptz NOT NULL,
      "last_message_at" timestamptz,
      "queue_depth" integer,
      "recent" jsonb NOT NULL DEFAULT '[]'
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "heartbeat"`);
  }
}
