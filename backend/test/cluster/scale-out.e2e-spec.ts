import { createServer, type Server } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { api, liveClient, signIn, type LiveClient } from '../support/auth-client.js';
import { expectEventually } from '../support/expect-eventually.js';
import { spawnLifeline, type SpawnedLifeline } from '../support/spawn-lifeline.js';
import { TEST_ADMIN } from '../support/test-app.js';
import { serverDatabase, type TestDatabase } from '../support/test-database.js';
import { tempDir } from '../support/temp-dir.js';

const BASE = process.env.TEST_DATABASE_URL;
const CHECKS = 12;
const INTERVAL = 1_000;
const ids = Array.from({ length: CHECKS }, (_, i) => `svc-${String(i).padStart(2, '0')}`);

/** A target that logs every request (which check, when) and answers 503 for the ids in `failing`. */
function target(): Promise<{ server: Server; url: string; log: Array<{ id: string; at: number }>; failing: Set<string> }> {
  const log: Array<{ id: string; at: number }> = [];
  const failing = new Set<string>();
  const server = createServer((req, res) => {
    const id = req.url!.split('/')[2];
    log.push({ id, at: Date.now() });
    res.statusCode = failing.has(id) ? 503 : 200;
    res.end('ok');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, log, failing })));
}

const catalogYaml = (url: string) => `site: { name: Scale-out test }
defaults: { interval: 1s, timeout: 500ms, failuresToDown: 2, successesToRecover: 2 }
incidents: { settle: 1s, coolDown: 5s }
integrations:
${ids.map((id) => `  - { id: ${id}, name: ${id}, side: external, category: lab, partner: P-${id}, criticality: high, clinician: { summary: s }, checks: [{ kind: http, url: "${url}/t/${id}" }] }`).join('\n')}
`;

/** The longest pause between two requests of each check within [from, to]. */
function gaps(log: Array<{ id: string; at: number }>, from: number, to: number): { maxGap: number; minGap: number; closest: string } {
  let maxGap = 0;
  let minGap = Infinity;
  let closest = '';
  for (const id of ids) {
    const times = log.filter((r) => r.id === id && r.at >= from && r.at <= to).map((r) => r.at);
    const points = [from, ...times, to];
    for (let i = 1; i < points.length; i++) maxGap = Math.max(maxGap, points[i] - points[i - 1]);
    for (let i = 1; i < times.length; i++) {
      if (times[i] - times[i - 1] < minGap) {
        minGap = times[i] - times[i - 1];
        closest = `${id}: ${times.map((t) => t - from).join(', ')} ms after the window's start`;
      }
    }
  }
  return { maxGap, minGap, closest };
}

describe.skipIf(!BASE)('scale-out: several instances on one PostgreSQL', () => {
  const procs: SpawnedLifeline[] = [];
  const clients: LiveClient[] = [];
  let db: TestDatabase | undefined;
  let t: Awaited<ReturnType<typeof target>> | undefined;
  const dir = tempDir();
  afterAll(async () => {
    for (const c of clients) c.close();
    await Promise.all(procs.map((p) => p.stop('SIGKILL')));
    t?.server.close();
    await db?.drop();
    dir.remove();
  });

  it('splits the checks, takes over a killed leader within two intervals, fans out, and opens one incident', async () => {
    t = await target();
    db = await serverDatabase(BASE!);
    const catalogFile = join(dir.path, 'catalog.yaml');
    writeFileSync(catalogFile, catalogYaml(t.url));
    const env = (n: number) => ({ DATABASE_URL: db!.url, CATALOG_FILE: catalogFile, DATA_DIR: join(dir.path, `data-${n}`), ADMIN_EMAIL: TEST_ADMIN.email, ADMIN_PASSWORD: TEST_ADMIN.password });
    // One after the other: the first migrates and creates the admin, and becomes the leader.
    for (let n = 0; n < 3; n++) procs.push(await spawnLifeline(env(n)));
    const [a, b, c] = procs;
    const pgc = new pg.Client({ connectionString: db.url });
    await pgc.connect();
    try {
      const leasedBy = async (p: SpawnedLifeline) =>
        (await pgc.query<{ id: string }>(`SELECT c."integration_id" AS id FROM "check_lease" l JOIN "check" c ON c."id" = l."check_id" WHERE l."instance_id" LIKE $1 AND l."expires_at" > now()`, [`%-${p.child.pid}-%`])).rows.map((r) => r.id);
      // Balanced: every instance holds a share, all checks are held.
      await expectEventually(async () => {
        const held: string[][] = [];
        for (const p of procs) held.push(await leasedBy(p));
        expect(held.map((h) => h.length)).toEqual([4, 4, 4]);
      }, { timeout: 20_000 });
      const balancedAt = Date.now();

      const admin = await signIn(b.url, TEST_ADMIN);
      for (const p of [b, c]) {
        const client = liveClient(p.url, { token: admin.token });
        await client.connected;
        clients.push(client);
      }
      await new Promise((r) => setTimeout(r, 3 * INTERVAL));

      // kill -9 the leader (the first instance): its checks and its leadership move on.
      const killedAt = Date.now();
      a.child.kill('SIGKILL');
      await a.exited;
      await expectEventually(async () => {
        const held = [await leasedBy(b), await leasedBy(c)];
        expect(held[0].length + held[1].length).toBe(CHECKS);
      }, { timeout: 10_000 });
      await new Promise((r) => setTimeout(r, 4 * INTERVAL));
      const { maxGap, minGap, closest } = gaps(t.log, killedAt - 2 * INTERVAL, Date.now() - 200);
      console.log(`scale-out: longest pause across the kill ${maxGap} ms, closest two requests of one check ${minGap} ms (${closest}; killed at 2000)`);
      expect(maxGap, 'longest pause of a check across the kill').toBeLessThanOrEqual(2 * INTERVAL);
      // Never run by two instances at once: no two requests of one check closer than half an interval.
      expect(gaps(t.log, balancedAt - 5_000, Date.now()).minGap, 'closest two requests of one check').toBeGreaterThanOrEqual(INTERVAL / 2);
      expect(minGap).toBeGreaterThanOrEqual(INTERVAL / 2);

      // A check run by C fails: the client on B sees it (fan-out across instances), and exactly one incident opens.
      const victim = (await leasedBy(c))[0];
      t.failing.add(victim);
      for (const client of clients) {
        await expectEventually(() =>
          expect(client.events.some((e) => e.name === 'integration.updated' && (e.payload as { integration: { id: string; status: string } }).integration.id === victim && (e.payload as { integration: { status: string } }).integration.status === 'down')).toBe(true),
        { timeout: 15_000 });
      }
      await expectEventually(async () => expect((await pgc.query(`SELECT count(*)::int AS n FROM "incident"`)).rows[0].n).toBe(1), { timeout: 15_000 });
      await new Promise((r) => setTimeout(r, 3 * INTERVAL));
      expect((await pgc.query(`SELECT count(*)::int AS n FROM "incident"`)).rows[0].n).toBe(1);
      for (const client of clients) expect(client.events.filter((e) => e.name === 'incident.opened').length).toBe(1);
      // The audit log has the incident and the transition once, not once per instance.
      const audit = async (kind: string, extra = '') => (await pgc.query(`SELECT count(*)::int AS n FROM "audit_log" WHERE "kind" = $1 ${extra}`, [kind])).rows[0].n as number;
      await expectEventually(async () => expect(await audit('incident.opened')).toBe(1), { timeout: 10_000 });
      expect(await audit('transition', `AND "subject" = '${victim}' AND "payload"->>'to' = 'down'`)).toBe(1);
      expect((await api(b.url, 'GET', '/api/health', { token: admin.token })).status).toBe(200);
    } finally {
      await pgc.end();
    }
  }, 120_000);
});
