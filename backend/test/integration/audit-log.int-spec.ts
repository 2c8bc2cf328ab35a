import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { chainHash, GENESIS_HASH } from '../../src/audit/audit-chain.js';
import { AuditVerifyService } from '../../src/audit/audit-verify.service.js';
import { AuditService } from '../../src/audit/audit.service.js';
import { buildDataSourceOptions } from '../../src/database/data-source-options.js';
import { migratedDatabase, type MigratedDatabase } from '../support/migrated-database.js';
import { DATABASE_TARGETS } from '../support/test-database.js';

interface StoredRow {
  seq: string;
  at: Date;
  kind: string;
  subject: string;
  actor: string;
  payload: unknown;
  prev_hash: string;
  hash: string;
}

describe.each(DATABASE_TARGETS)('the audit log ($label)', ({ open }) => {
  let m: MigratedDatabase;
  let audit: AuditService;
  let verifier: AuditVerifyService;
  let clock = Date.parse('2025-03-04T06:20:00.000Z');
  const stored = async (): Promise<StoredRow[]> => m.db.query(`SELECT * FROM "audit_log" ORDER BY "seq"`);

  beforeAll(async () => {
    m = await migratedDatabase(open);
    audit = new AuditService(m.db, () => (clock += 1_000));
    verifier = new AuditVerifyService(m.db);
  });
  afterAll(async () => {
    await m?.close();
  });

  it('appends without waiting, then stores the entries in order, each hashed onto the one before', async () => {
    expect(await verifier.verify()).toEqual({ ok: true, rows: 0, head: null });
    audit.append('transition', 'synlab-results', 'system', { from: 'operational', to: 'degraded', reasons: ['slow'] });
    audit.append('incident.opened', 'inc-1', 'system', { title: 'Perimeter', members: [{ integrationId: 'synlab-results' }] });
    audit.append('incident.acknowledged', 'inc-1', 'An Peeters <an@uzgent.test>', { note: 'on it' });
    audit.append('incident.note', 'inc-1', 'An Peeters <an@uzgent.test>', { text: 'provider called: DDoS' });
    audit.append('maintenance.planned', 'maintenance:1', 'Bart <bart@uzgent.test>', { reason: 'upgrade' });
    expect(audit.pending).toBe(5);
    await audit.flush();
    const rows = await stored();
    expect(rows.map((r) => [Number(r.seq), r.kind])).toEqual([
      [1, 'transition'],
      [2, 'incident.opened'],
      [3, 'incident.acknowledged'],
      [4, 'incident.note'],
      [5, 'maintenance.planned'],
    ]);
    let prev = GENESIS_HASH;
    for (const r of rows) {
      expect(r.prev_hash).toBe(prev);
      expect(r.hash).toBe(chainHash(prev, { seq: Number(r.seq), at: r.at.getTime(), kind: r.kind, subject: r.subject, actor: r.actor, payload: r.payload }));
      prev = r.hash;
    }
    expect(await verifier.verify()).toEqual({ ok: true, rows: 5, head: { seq: 5, hash: prev } });
    expect(await audit.head()).toEqual({ seq: 5, hash: prev });
  });

  it.each([
    ['UPDATE', `UPDATE "audit_log" SET "actor" = 'someone else' WHERE "seq" = 3`],
    ['UPDATE of no row', `UPDATE "audit_log" SET "actor" = 'x' WHERE false`],
    ['DELETE', `DELETE FROM "audit_log" WHERE "seq" = 2`],
    ['TRUNCATE', `TRUNCATE "audit_log"`],
  ])('rejects %s with a trigger', async (_name, sql) => {
    await expect(m.db.query(sql)).rejects.toThrow(/audit_log is append-only/);
    expect((await stored()).length).toBe(5);
  });

  it('verify names a row changed directly in the database by a superuser who switched the trigger off', async () => {
    const original = (await stored())[2];
    await m.db.query(`ALTER TABLE "audit_log" DISABLE TRIGGER USER`);
    await m.db.query(`UPDATE "audit_log" SET "payload" = '{"note": "never acknowledged"}' WHERE "seq" = 3`);
    await m.db.query(`ALTER TABLE "audit_log" ENABLE TRIGGER USER`);
    const result = await verifier.verify();
    expect(result).toMatchObject({ ok: false, rows: 5, firstBroken: { seq: 3, kind: 'incident.acknowledged' } });
    expect(result.firstBroken!.reason).toMatch(/content was changed/);
    expect(result.firstBroken!.at).toBe(original.at.toISOString());
    // Put back exactly as it was, the chain verifies again.
    await m.db.query(`ALTER TABLE "audit_log" DISABLE TRIGGER USER`);
    await m.db.query(`UPDATE "audit_log" SET "payload" = $1 WHERE "seq" = 3`, [JSON.stringify(original.payload)]);
    await m.db.query(`ALTER TABLE "audit_log" ENABLE TRIGGER USER`);
    expect((await verifier.verify()).ok).toBe(true);
  });

  it('verify names the row after one deleted, and a row whose hash was forged to match its new content', async () => {
    const rows = await stored();
    await m.db.query(`ALTER TABLE "audit_log" DISABLE TRIGGER USER`);
    try {
      const forged = chainHash(rows[0].hash, { seq: 2, at: rows[1].at.getTime(), kind: rows[1].kind, subject: rows[1].subject, actor: rows[1].actor, payload: { title: 'Nothing' } });
      await m.db.query(`UPDATE "audit_log" SET "payload" = '{"title": "Nothing"}', "hash" = $1 WHERE "seq" = 2`, [forged]);
      expect((await verifier.verify()).firstBroken).toMatchObject({ seq: 3, reason: expect.stringMatching(/hash of row 2/) });
      await m.db.query(`UPDATE "audit_log" SET "payload" = $1, "hash" = $2 WHERE "seq" = 2`, [JSON.stringify(rows[1].payload), rows[1].hash]);
      await m.db.query(`DELETE FROM "audit_log" WHERE "seq" = 4`);
      expect((await verifier.verify()).firstBroken).toMatchObject({ seq: 5, reason: expect.stringMatching(/row 4 is missing/) });
      await m.db.query(
        `INSERT INTO "audit_log" SELECT "seq", "at", "kind", "subject", "actor", "payload", "prev_hash", "hash" FROM json_populate_record(null::"audit_log", $1::json)`,
        [JSON.stringify({ ...rows[3], at: rows[3].at.toISOString() })],
      );
    } finally {
      await m.db.query(`ALTER TABLE "audit_log" ENABLE TRIGGER USER`);
    }
    expect((await verifier.verify()).ok).toBe(true);
  });

  it('keeps a failed batch and writes it, in order, once the database takes it', async () => {
    await m.db.query(`ALTER TABLE "audit_log" RENAME TO "audit_log_away"`);
    try {
      audit.append('catalog.loaded', 'catalog.yaml', 'system', { n: 1 });
      audit.append('catalog.changed', 'catalog.yaml', 'system', { n: 2 });
      await audit.flush();
      expect(audit.pending).toBe(2);
      expect(audit.lastError?.message).toMatch(/audit_log/);
      await expect(audit.flushed()).rejects.toThrow(/audit log unavailable/);
    } finally {
      await m.db.query(`ALTER TABLE "audit_log_away" RENAME TO "audit_log"`);
    }
    audit.append('export.generated', 'exp-1', 'system', { n: 3 });
    await audit.flushed();
    expect(audit.pending).toBe(0);
    expect((await stored()).slice(-3).map((r) => r.payload)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect((await verifier.verify()).ok).toBe(true);
  });

  it('never lets one odd entry block the log: NUL and lone surrogates are stored as U+FFFD', async () => {
    audit.append('incident.note', 'inc-1', 'x', { text: 'nul \u0000 and \ud800 here' });
    await audit.flushed();
    expect((await stored()).at(-1)!.payload).toEqual({ text: 'nul \uFFFD and \uFFFD here' });
    expect((await verifier.verify()).ok).toBe(true);
  });

  it('chains correctly when two backend instances append at once', async () => {
    const other = new DataSource({ ...buildDataSourceOptions(m.database.url), migrationsRun: false });
    await other.initialize();
    try {
      const a = new AuditService(m.db, Date.now);
      const b = new AuditService(other, Date.now);
      for (let round = 0; round < 10; round++) {
        for (let i = 0; i < 20; i++) {
          a.append('transition', `a-${round}-${i}`, 'system', { i });
          b.append('transition', `b-${round}-${i}`, 'system', { i });
        }
        await Promise.all([a.flush(), b.flush()]);
      }
      const rows = await stored();
      expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
      expect(rows.filter((r) => /^[ab]-/.test(r.subject))).toHaveLength(400);
      expect(await verifier.verify()).toMatchObject({ ok: true, rows: rows.length });
    } finally {
      await other.destroy();
    }
  });
});
