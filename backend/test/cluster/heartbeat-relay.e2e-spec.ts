import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Snapshot } from '@lifeline/shared';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { api, signIn } from '../support/auth-client.js';
import { expectEventually } from '../support/expect-eventually.js';
import { spawnLifeline, type SpawnedLifeline } from '../support/spawn-lifeline.js';
import { TEST_ADMIN } from '../support/test-app.js';
import { serverDatabase, type TestDatabase } from '../support/test-database.js';
import { tempDir } from '../support/temp-dir.js';

const BASE = process.env.TEST_DATABASE_URL;
const KEY = `hb-${randomBytes(16).toString('hex')}`;

const CATALOG = `site: { name: Heartbeat relay test }
defaults: { interval: 500ms, timeout: 300ms, failuresToDown: 2, successesToRecover: 1 }
integrations:
  - { id: lab-feed, name: Lab results feed, side: external, category: lab, partner: Lab, criticality: high, clinician: { summary: s },
      checks: [{ kind: heartbeat, keyEnv: LAB_FEED_PUSH_KEY, expectEvery: 1s, downAfter: 3s }] }
`;

describe.skipIf(!BASE)('heartbeats with several instances', () => {
  const procs: SpawnedLifeline[] = [];
  let db: TestDatabase | undefined;
  const dir = tempDir();
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop('SIGKILL')));
    await db?.drop();
    dir.remove();
  });

  it('a push to one instance counts on the instance that holds the check', async () => {
    db = await serverDatabase(BASE!);
    const catalogFile = join(dir.path, 'catalog.yaml');
    writeFileSync(catalogFile, CATALOG);
    const env = (n: number) => ({ DATABASE_URL: db!.url, CATALOG_FILE: catalogFile, DATA_DIR: join(dir.path, `data-${n}`), ADMIN_EMAIL: TEST_ADMIN.email, ADMIN_PASSWORD: TEST_ADMIN.password, LAB_FEED_PUSH_KEY: KEY });
    for (let n = 0; n < 2; n++) procs.push(await spawnLifeline(env(n)));
    const pgc = new pg.Client({ connectionString: db.url });
    await pgc.connect();
    try {
      const holder = await expectEventually(async () => {
        const { rows } = await pgc.query<{ instance_id: string }>(`SELECT "instance_id" FROM "check_lease" WHERE "expires_at" > now() AND "instance_id" IS NOT NULL`);
        expect(rows).toHaveLength(1);
        return procs.find((p) => rows[0].instance_id.includes(`-${p.child.pid}-`))!;
      }, { timeout: 20_000 });
      expect(holder).toBeDefined();
      const other = procs.find((p) => p !== holder)!;

      // The partner's pushes all reach the instance that does not run the check.
      const pushedFrom = Date.now();
      const pusher = setInterval(() => void fetch(`${other.url}/api/heartbeats/${KEY}`, { method: 'POST' }).catch(() => undefined), 400);
      try {
        const admin = await signIn(holder.url, TEST_ADMIN);
        await expectEventually(async () => {
          const snap = (await (await api(holder.url, 'GET', '/api/status', { token: admin.token })).json()) as Snapshot;
          expect(snap.integrations.find((i) => i.id === 'lab-feed')?.status).toBe('operational');
        }, { timeout: 10_000 });
        // And it stays so: every result the holder wrote since is fresh.
        await new Promise((r) => setTimeout(r, 3_000));
        const from = new Date(pushedFrom + 2_000).toISOString();
        const history = (await (await api(holder.url, 'GET', `/api/integrations/lab-feed/history?from=${from}`, { token: admin.token })).json()) as {
          results: Array<{ ok: boolean; message: string | null }>;
        };
        expect(history.results.length).toBeGreaterThanOrEqual(2);
        expect(history.results.filter((r) => !r.ok)).toEqual([]);
      } finally {
        clearInterval(pusher);
      }
    } finally {
      await pgc.end();
    }
  }, 90_000);
});
