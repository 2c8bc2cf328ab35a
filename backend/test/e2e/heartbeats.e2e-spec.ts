import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { IntegrationSnapshot, IntegrationUpdatedEvent, Snapshot } from '@lifeline/shared';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, signIn } from '../support/auth-client.js';
import { expectEventually } from '../support/expect-eventually.js';
import { tempDir } from '../support/temp-dir.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const KEY_ENV = 'E2E_LAB_FEED_PUSH_KEY';
const KEY = `hb-${randomBytes(16).toString('hex')}`;

const CATALOG = `
site: { name: Test Hospital, timezone: Europe/Brussels }
defaults: { interval: 250ms, timeout: 200ms, failuresToDown: 2, successesToRecover: 1 }
integrations:
  - id: lab-feed
    name: Lab results feed
    side: external
    category: lab
    partner: Lab
    checks:
      - { kind: heartbeat, keyEnv: ${KEY_ENV}, expectEvery: 1s, downAfter: 3s, maxQueueDepth: 10 }
  - id: pacs-feed
    name: PACS feed
    side: external
    category: imaging
    partner: PACS
    checks:
      - { kind: heartbeat, keyEnv: E2E_PACS_FEED_KEY_NOT_SET, expectEvery: 1s }
`;

describe('heartbeats pushed over HTTP, on the whole app', () => {
  const data = tempDir();
  let app: TestApp;
  let client: Socket;
  const updates: IntegrationUpdatedEvent[] = [];
  const rawSocket: string[] = [];
  /** The admin's view, which shows the most (check settings included); the partner pushing needs no session. */
  let token: string;
  const get = (path: string) => fetch(`${app.url}${path}`, { headers: bearer(token) });

  const start = async () => {
    app = await startTestApp({ catalogYaml: CATALOG, config: { dataDir: join(data.path, 'data') } });
    token = (await signIn(app.url, app.admin!)).token;
  };
  const push = (key: string, body?: unknown) =>
    fetch(`${app.url}/api/heartbeats/${encodeURIComponent(key)}`, {
      method: 'POST',
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
  const labFeed = async (): Promise<IntegrationSnapshot> => {
    const snap = (await (await get('/api/status')).json()) as Snapshot;
    return snap.integrations.find((i) => i.id === 'lab-feed')!;
  };
  /** Waits for `runs` more probe runs of the lab feed and returns it as it is then. */
  const afterRuns = async (runs: number): Promise<IntegrationSnapshot> => {
    const from = Date.parse((await labFeed()).lastCheckedAt ?? '1970-01-01T00:00:00Z');
    return expectEventually(async () => {
      const now = await labFeed();
      expect(Date.parse(now.lastCheckedAt!)).toBeGreaterThanOrEqual(from + runs * 200);
      return now;
    });
  };
  const statusesSince = (index: number) =>
    updates
      .slice(index)
      .filter((u) => u.integration.id === 'lab-feed')
      .map((u) => u.integration.status)
      .filter((s, i, all) => s !== all[i - 1]);

  beforeAll(async () => {
    process.env[KEY_ENV] = KEY;
    await start();
    client = io(`${app.url}/live`, { transports: ['websocket'], reconnection: false, auth: { token } });
    client.io.engine.on('data', (d: unknown) => rawSocket.push(String(d)));
    client.on('integration.updated', (e: IntegrationUpdatedEvent) => updates.push(e));
  });

  afterAll(async () => {
    client?.close();
    await app?.close();
    delete process.env[KEY_ENV];
    data.remove();
  });

  it('shows a feed that never pushed as down, "no message received yet"', async () => {
    const feed = await expectEventually(async () => {
      const f = await labFeed();
      expect(f.status).toBe('down');
      return f;
    });
    expect(feed.reasons.join(' ')).toContain('stale: no message received yet');
  });

  it('fails a check whose key variable is not set with a clear reason, without crashing', async () => {
    await expectEventually(async () => {
      const snap = (await (await get('/api/status')).json()) as Snapshot;
      const pacs = snap.integrations.find((i) => i.id === 'pacs-feed')!;
      expect(pacs.status).toBe('down');
      expect(pacs.reasons.join(' ')).toContain('internal: push key env var E2E_PACS_FEED_KEY_NOT_SET is not set');
    });
    expect((await push('undefined')).status).toBe(404);
  });

  it('answers an unknown key with 404, and nothing changes', async () => {
    const res = await push(`${KEY}x`, { queueDepth: 1 });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ statusCode: 404, message: 'unknown heartbeat key' });
    expect((await push(KEY.slice(0, -1))).status).toBe(404);
    const feed = await afterRuns(3);
    expect(feed.status).toBe('down');
    expect(feed.reasons.join(' ')).toContain('no message received yet');
  });

  it('answers a bad body with 400 naming the field, and takes nothing from it', async () => {
    const cases: Array<[unknown, string]> = [
      [{ queueDepth: -1 }, 'queueDepth'],
      [{ queueDepth: 'many' }, 'queueDepth'],
      [{ lastMessageAt: '2026-03-02 07:31' }, 'lastMessageAt'],
      [{ lastMessageAt: '2026-03-02T07:31:00' }, 'lastMessageAt'],
    ];
    for (const [body, path] of cases) {
      const res = await push(KEY, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const json = (await res.json()) as { statusCode: number; errors: Array<{ path: string }> };
      expect(json.errors.map((e) => e.path)).toEqual([path]);
    }
    const feed = await afterRuns(2);
    expect(feed.reasons.join(' ')).toContain('no message received yet');
  });

  it('turns the integration operational when a heartbeat arrives, showing its age as the delay', async () => {
    expect((await push(KEY)).status).toBe(204);
    const feed = await expectEventually(async () => {
      const f = await labFeed();
      expect(f.status).toBe('operational');
      return f;
    });
    expect(feed.delay).toBeGreaterThanOrEqual(0);
    expect(feed.delay).toBeLessThan(1_000);
  });

  it('goes degraded when the feed goes quiet, then down, in plain words', async () => {
    const before = updates.length;
    expect((await push(KEY, {})).status).toBe(204); // a second heartbeat: now there is a usual cadence
    const down = await expectEventually(
      () => {
        const u = updates.slice(before).find((e) => e.integration.id === 'lab-feed' && e.integration.status === 'down');
        expect(u).toBeDefined();
        return u!;
      },
      { timeout: 15_000 },
    );
    const seen = statusesSince(before);
    expect(seen.slice(-2)).toEqual(['degraded', 'down']);
    expect(seen.slice(0, -2).every((s) => s === 'operational')).toBe(true);
    const degraded = updates.slice(before).find((e) => e.integration.status === 'degraded')!;
    expect(degraded.integration.reasons.join(' ')).toMatch(/last message \d+ s ago, usually every \d+ (s|ms)/);
    expect(down.integration.reasons.join(' ')).toMatch(/stale: last message \d+ s ago, usually every/);
  });

  it('is degraded by a queue deeper than maxQueueDepth, and down by an old lastMessageAt', async () => {
    expect((await push(KEY, { queueDepth: 50 })).status).toBe(204);
    await expectEventually(async () => {
      const f = await labFeed();
      expect(f.status).toBe('degraded');
      expect(f.reasons.join(' ')).toContain('queue depth 50, above 10');
    });
    const lastMessageAt = new Date(Date.now() - 10_000).toISOString().replace('Z', '+00:00');
    expect((await push(KEY, { lastMessageAt, queueDepth: 0 })).status).toBe(204);
    await expectEventually(async () => {
      const f = await labFeed();
      expect(f.status).toBe('down');
      expect(f.reasons.join(' ')).toMatch(/stale: last message 1\d s ago/);
    });
  });

  it('never shows the key: not in the snapshot, the integrations, the history, or on the socket', async () => {
    const texts = await Promise.all(
      ['/api/status', '/api/integrations', '/api/integrations/lab-feed/history'].map(async (path) => (await get(path)).text()),
    );
    expect(texts[0]).toContain('lab-feed');
    expect(texts[1]).toContain('heartbeat');
    expect(texts[2]).toContain('lab-feed');
    const snapshot = await new Promise<string>((resolve) => {
      const other = io(`${app.url}/live`, { transports: ['websocket'], reconnection: false, auth: { token } });
      other.on('snapshot', (s: Snapshot) => {
        resolve(JSON.stringify(s));
        other.close();
      });
    });
    expect(snapshot).toContain('lab-feed');
    expect(rawSocket.length).toBeGreaterThan(0);
    for (const text of [...texts, snapshot, ...rawSocket]) expect(text).not.toContain(KEY);
  });

  it('remembers the last heartbeat across a restart', async () => {
    client.close();
    await app.close();
    await start();
    const feed = await expectEventually(async () => {
      const f = await labFeed();
      expect(f.lastCheckedAt).not.toBeNull();
      return f;
    });
    expect(feed.reasons.join(' ')).toMatch(/last message \d+ s ago/);
    expect(feed.reasons.join(' ')).not.toContain('no message received yet');
  });
});
