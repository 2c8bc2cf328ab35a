import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HistoryWriterService } from '../../src/history/history-writer.service.js';
import type { Snapshot } from '@lifeline/shared';
import { api, bearer, liveClient, signIn } from '../support/auth-client.js';
import { expectEventually } from '../support/expect-eventually.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { tempDir } from '../support/temp-dir.js';
import { catalogYaml, cutDatabase, drainState, httpTarget, observe, storedCounts, wallTicks, type CutDatabase } from './outage-harness.js';

const CHECKS = 20;
const OUTAGE_MS = 10_000;

/** Every key seen is stored exactly once. */
function expectExactlyOnce(seen: readonly string[], stored: Map<string, number>, what: string): void {
  const missing = seen.filter((k) => !stored.has(k));
  const twice = seen.filter((k) => (stored.get(k) ?? 0) > 1);
  expect({ what, seen: seen.length, missing: missing.slice(0, 5), twice: twice.slice(0, 5) }).toEqual({ what, seen: seen.length, missing: [], twice: [] });
}

describe('database outage: the app goes on, spools to disk, and writes everything back exactly once', () => {
  let cut: CutDatabase;
  let target: Awaited<ReturnType<typeof httpTarget>>;
  let app: TestApp;
  let token: string;
  let wall: ReturnType<typeof wallTicks>;

  beforeAll(async () => {
    cut = await cutDatabase();
    target = await httpTarget();
    app = await startTestApp({ databaseUrl: cut.appUrl, catalogYaml: catalogYaml(target.port, CHECKS) });
    token = (await signIn(app.url, app.admin!)).token;
    wall = wallTicks(app, token);
  });

  afterAll(async () => {
    wall?.socket.close();
    await app?.close();
    target?.close();
    await cut?.close();
  });

  it('through a 10 s cut: reports it, spools what is produced, and loses or doubles nothing', async () => {
    const seen = observe(app);
    await expectEventually(() => expect(seen.results.length).toBeGreaterThan(CHECKS), { timeout: 15_000 });

    // A wall screen signed in with a kiosk token, as walls are before a bad morning; and one token never used.
    const created = async (name: string) => ((await (await api(app.url, 'POST', '/api/kiosk-tokens', { token, body: { name } })).json()) as { token: string }).token;
    const [wallToken, unusedToken] = [await created('Wall, IT office'), await created('Wall, never shown')];
    const before = liveClient(app.url, { kiosk: wallToken });
    await before.connected;
    before.close();

    await cut.down();
    const cutAt = Date.now();
    // Some links fail meanwhile, so transitions (and audit rows) are produced during the outage.
    for (let i = 0; i < 5; i++) target.failing.add(`link-${i}`);
    const resultsBefore = seen.results.length;
    const health = await expectEventually(
      async () => {
        // Signed in before the cut: the operator still gets in, and sees why it is degraded.
        const res = await fetch(`${app.url}/api/health`, { headers: bearer(token) });
        expect(res.status).toBe(503);
        return (await res.json()) as { status: string; database: { ok: boolean }; historyStore?: { ok: boolean; spooled: number } };
      },
      { timeout: 8_000, every: 250 },
    );
    expect(health).toMatchObject({ status: 'degraded', database: { ok: false } });
    const status = await fetch(`${app.url}/api/status`, { headers: bearer(token) });
    expect(status.status).toBe(200);
    expect(((await status.json()) as Snapshot).integrations).toHaveLength(CHECKS);
    // The wall reconnects (a network blip, a reload) and gets its picture; a token never verified cannot be checked now.
    const reconnected = liveClient(app.url, { kiosk: wallToken });
    expect((await reconnected.connected).integrations).toHaveLength(CHECKS);
    reconnected.close();
    const unknown = liveClient(app.url, { kiosk: unusedToken });
    await expect(unknown.connected).rejects.toThrow();
    unknown.close();
    const writer = app.app.get(HistoryWriterService);
    await expectEventually(() => expect(writer.state.available).toBe(false), { timeout: 8_000 });
    await expectEventually(() => expect({ connected: wall.socket.connected, ticks: wall.ticks.length, available: wall.ticks.at(-1)?.historyStore?.available }).toMatchObject({ available: false }), {
      timeout: 12_000,
    });
    expect(wall.ticks.at(-1)?.historyStore?.unavailableSince).toMatch(/^\d{4}-\d\d-\d\dT/);
    await expectEventually(() => expect(seen.transitions.length).toBeGreaterThanOrEqual(5), { timeout: 8_000 });

    await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - cutAt))));
    // Every check kept running (the leases it holds stay its own while nobody can reach the
    // database), and what they produced went to disk.
    const producedInCut = seen.results.length - resultsBefore;
    const expected = (CHECKS * (Date.now() - cutAt)) / 500;
    expect(producedInCut, `results produced during the cut, of ~${Math.round(expected)}`).toBeGreaterThanOrEqual(0.9 * expected);
    expect(writer.spooled).toBeGreaterThan(0);
    expect(readdirSync(join(app.dataDir, 'spool', 'results')).length).toBeGreaterThan(0);

    for (const id of [...target.failing]) target.failing.delete(id);
    await cut.up();
    await expectEventually(() => expect(drainState(app)).toBe('drained'), { timeout: 30_000, every: 200 });
    seen.stop();
    // Twice: a flush already under way shares its promise and may have taken its batch before the last rows seen.
    await writer.flush();
    await writer.flush();

    const stored = await storedCounts(cut.client);
    expectExactlyOnce(seen.results, stored.results, 'results');
    expectExactlyOnce(seen.transitions, stored.transitions, 'transitions');
    const { rows: dup } = await cut.client.query(`SELECT 1 FROM "result" r JOIN "result_check" c ON c."ref" = r."check_ref" GROUP BY c."check_id", r."started_at" HAVING count(*) > 1`);
    expect(dup).toEqual([]);

    const verify = (await (await fetch(`${app.url}/api/audit/verify`, { headers: bearer(token) })).json()) as { ok: boolean };
    expect(verify.ok).toBe(true);
    const after = await expectEventually(async () => {
      const res = await fetch(`${app.url}/api/health`, { headers: bearer(token) });
      expect(res.status).toBe(200);
      return (await res.json()) as { status: string; historyStore?: { ok: boolean; spooled: number } };
    });
    expect(after.historyStore).toMatchObject({ ok: true, spooled: 0 });
    await expectEventually(() => expect(wall.ticks.at(-1)?.historyStore?.available).toBe(true), { timeout: 8_000 });
  });
});

describe('database outage, not yet met', () => {
  it.todo('keeps probing every check through the cut with several instances (each keeps the leases it held; tested with one)');
  it.todo('records transitions during the cut when clustered (status.service.ts queues them only while leader; leadership is lost with the leader connection)');
});

describe('restart mid-outage: the spool on disk survives and lands; incidents stay open, not doubled', () => {
  let cut: CutDatabase;
  let target: Awaited<ReturnType<typeof httpTarget>>;
  const dir = tempDir();
  const apps: TestApp[] = [];

  beforeAll(async () => {
    cut = await cutDatabase();
    target = await httpTarget();
  });

  afterEach(async () => {
    for (const a of apps.splice(0)) await a.close();
  });

  afterAll(async () => {
    target?.close();
    await cut?.close();
    dir.remove();
  });

  it('writes the previous run’s spool on start and keeps the open incident', async () => {
    const start = async () => {
      const a = await startTestApp({ databaseUrl: cut.appUrl, catalogYaml: catalogYaml(target.port, 4), config: { dataDir: join(dir.path, 'data') } });
      apps.push(a);
      return a;
    };
    const first = await start();
    const seen = observe(first);
    await expectEventually(() => expect(seen.results.length).toBeGreaterThan(8), { timeout: 15_000 });
    target.failing.add('link-0');
    const openIncident = await expectEventually(
      async () => {
        const { rows } = await cut.client.query<{ id: string }>(`SELECT "id" FROM "incident" WHERE NOT "closed"`);
        expect(rows.length).toBeGreaterThan(0);
        return rows;
      },
      { timeout: 20_000, every: 200 },
    );

    await cut.down();
    const writer = first.app.get(HistoryWriterService);
    await expectEventually(() => expect(writer.spooled).toBeGreaterThan(0), { timeout: 15_000, every: 200 });
    await first.close();
    apps.splice(0);
    seen.stop();
    expect(existsSync(join(dir.path, 'data', 'spool', 'results'))).toBe(true);
    expect(readdirSync(join(dir.path, 'data', 'spool', 'results')).length).toBeGreaterThan(0);

    await cut.up();
    const second = await start();
    await expectEventually(() => expect(drainState(second)).toBe('drained'), { timeout: 30_000, every: 200 });
    await second.app.get(HistoryWriterService).flush();
    const stored = await storedCounts(cut.client);
    expectExactlyOnce(seen.results, stored.results, 'results from before the restart');
    expectExactlyOnce(seen.transitions, stored.transitions, 'transitions from before the restart');

    const { rows: open } = await cut.client.query<{ id: string; key: string }>(`SELECT "id", "key" FROM "incident" WHERE NOT "closed"`);
    for (const before of openIncident) expect(open.map((r) => r.id)).toContain(before.id);
    const { rows: perKey } = await cut.client.query(`SELECT "key" FROM "incident" WHERE NOT "closed" GROUP BY "key" HAVING count(*) > 1`);
    expect(perKey).toEqual([]);

    const token = (await signIn(second.url, second.admin!)).token;
    const verify = (await (await fetch(`${second.url}/api/audit/verify`, { headers: bearer(token) })).json()) as { ok: boolean };
    expect(verify.ok).toBe(true);
  });
});
