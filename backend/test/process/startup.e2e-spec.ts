import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Snapshot } from '@lifeline/shared';
import { io } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { expectEventually } from '../support/expect-eventually.js';
import { spawnLifeline, type SpawnedLifeline } from '../support/spawn-lifeline.js';
import { tempDir } from '../support/temp-dir.js';

/** The built app as a real process, the way `npm start` runs it. */
describe('the Lifeline process', () => {
  const dirs: Array<{ remove(): void }> = [];
  const procs: SpawnedLifeline[] = [];
  afterAll(async () => {
    for (const p of procs) await p.stop('SIGKILL');
    for (const d of dirs) d.remove();
  });
  const newDir = () => {
    const d = tempDir();
    dirs.push(d);
    return d.path;
  };

  it('refuses an invalid catalog at start, listing every error by path, and exits non-zero', async () => {
    const dir = newDir();
    const file = join(dir, 'catalog.yaml');
    writeFileSync(
      file,
      `site: { name: Test }
integrations:
  - id: lab
    name: Lab
    side: external
    category: lab
    checks:
      - { kind: tcp, host: 127.0.0.1, port: "x" }
  - id: hub
    name: Hub
    side: external
    category: regional-records
    partner: Hub
    dependsOn: [engine]
    checks:
      - { kind: smtp, host: 127.0.0.1 }
`,
    );
    const app = await spawnLifeline({ CATALOG_FILE: file, DATA_DIR: join(dir, 'data') }, { waitForServing: false });
    procs.push(app);
    expect(await app.exited).toBe(1);
    const out = app.output();
    expect(out).toContain('integrations[0].checks[0].port: expected a number');
    expect(out).toContain('integrations[1].checks[0].kind');
    // Nothing was started: no database folder was created for a catalog that was refused.
    expect(existsSync(join(dir, 'data', 'postgres'))).toBe(false);
  });

  it('serves the demo on the embedded database, keeps its data across a restart, and stops the server on SIGTERM', async () => {
    const dataDir = join(newDir(), 'data');
    const started = Date.now();
    const first = await spawnLifeline({ DATA_DIR: dataDir, DEMO_INTERVAL: '1s' });
    procs.push(first);
    const snapshot = await new Promise<Snapshot>((resolve, reject) => {
      const socket = io(`${first.url}/live`, { transports: ['websocket'] });
      socket.once('snapshot', (s: Snapshot) => {
        socket.close();
        resolve(s);
      });
      socket.once('connect_error', reject);
    });
    console.info(`start to first snapshot (built app, fresh DATA_DIR): ${Date.now() - started} ms`);
    expect(snapshot.demo?.label).toMatch(/simulat/i);
    expect(snapshot.integrations.length).toBeGreaterThanOrEqual(12);
    expect(snapshot.integrations.some((i) => i.side === 'internal')).toBe(true);
    await expectEventually(
      async () => {
        const s = (await (await fetch(`${first.url}/api/status`)).json()) as Snapshot;
        expect(s.integrations.filter((i) => i.status === 'operational').length).toBeGreaterThan(5);
      },
      { timeout: 20_000 },
    );
    const html = await (await fetch(`${first.url}/`)).text();
    expect(html).toMatch(/<div id="root">/);
    const pid = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);

    const second = await spawnLifeline({ DATA_DIR: dataDir }, { waitForServing: false });
    procs.push(second);
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/DATA_DIR .* is in use by another Lifeline process \(pid \d+\)/);

    const id = snapshot.integrations.find((i) => i.side === 'internal')!.id;
    const before = (await (await fetch(`${first.url}/api/integrations/${id}/history`)).json()) as { transitions: unknown[] };
    expect(before.transitions.length).toBeGreaterThan(0);

    expect(await first.stop('SIGTERM')).toBe(0);
    expect(() => process.kill(pid, 0)).toThrow();

    const again = await spawnLifeline({ DATA_DIR: dataDir, DEMO_INTERVAL: '1s' });
    procs.push(again);
    const after = (await (await fetch(`${again.url}/api/integrations/${id}/history`)).json()) as { transitions: unknown[] };
    expect(after.transitions.slice(0, before.transitions.length)).toEqual(before.transitions);
    expect(await again.stop('SIGTERM')).toBe(0);
  });

  it('after being killed outright, the next start stops the orphaned database server and carries on', async () => {
    const dataDir = join(newDir(), 'data');
    const first = await spawnLifeline({ DATA_DIR: dataDir });
    procs.push(first);
    const pid = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    await first.stop('SIGKILL');
    expect(() => process.kill(pid, 0)).not.toThrow();
    const next = await spawnLifeline({ DATA_DIR: dataDir });
    procs.push(next);
    expect(() => process.kill(pid, 0)).toThrow();
    expect((await fetch(`${next.url}/api/health`)).status).toBe(200);
    expect(await next.stop('SIGTERM')).toBe(0);
  });
});
