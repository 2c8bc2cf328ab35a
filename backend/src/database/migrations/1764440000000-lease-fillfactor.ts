import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every lease is rewritten at each renewal (a few times a minute per check). With room left on
 * each page the new row version stays on it and no index entry is added (a HOT update), so
 * the table stays its size instead of growing until autovacuum catches up.
 */
export class LeaseFillfactor1764440000000 implements MigrationInterface {
  name = 'LeaseFillfactor1764440000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "check_lease" SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0.05)`);
    await q.query(`ALTER TABLE "instance" SET (fillfactor = 50)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "instance" RESET (fillfactor)`);
    await q.query(`ALTER TABLE "check_lease" RESET (fillfactor, autovacuum_vacuum_scale_factor)`);
  }
}
