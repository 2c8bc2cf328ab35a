import { createServer, type Server } from 'node:http';
import type { IntegrationSnapshot, Snapshot } from '@lifeline/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, signIn } from '../support/auth-client.js';
import { expectEventually } from '../support/expect-eventually.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** A partner with no absolute latency threshold in the catalog: only its own baseline can call it slow. */
describe('the latency baseline, on the whole app', () => {
  let app: TestApp;
  let server: Server;
  let delayMs = 10;
  let token: string;
  const get = (path: string) => fetch(`${app.url}${path}`, { headers: bearer(token) });

  const partner = async (): Promise<IntegrationSnapshot> => {
    const snap = (await (await get('/api/status')).json()) as Snapshot;
    return snap.integrations.find((i) => i.id === 'insurer')!;
  };

  beforeAll(async () => {
    server = createServer((_req, res) => setTimeout(() => res.end('ok'), delayMs));
    const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
    app = await startTestApp({
      catalogYaml: `
site: { name: Test Hospital, timezone: Europe/Brussels }
defaults: { interval: 1s, timeout: 950ms, failuresToDown: 2, successesToRecover: 2 }
integrations:
  - id: insurer
    name: Insurer
    side: external
    category: insurer
    partner: Insurer
    checks:
      - { kind: http, url: "http://127.0.0.1:${port}/" }
`,
    });
    token = (await signIn(app.url, app.admin!)).token;
  });

  afterAll(async () => {
    await app?.close();
    server?.close();
    server?.closeAllConnections();
  });

  it('learns the usual latency, then calls a lasting slowdown degraded, with how much slower', async () => {
    // Ten answers make a baseline; until then nothing is judged against it.
    await expectEventually(
      async () => {
        const res = await get('/api/integrations/insurer/history');
        const body = (await res.json()) as { results: Array<{ ok: boolean }> };
        expect(body.results.filter((r) => r.ok).length).toBeGreaterThanOrEqual(11);
      },
      { timeout: 25_000 },
    );
    expect((await partner()).status).toBe('operational');
    delayMs = 650;
    const slow = await expectEventually(async () => {
      const p = await partner();
      expect(p.status).toBe('degraded');
      return p;
    });
    expect(slow.reasons.join(' ')).toMatch(/slow: \d+ ms, \d+\.\d× the usual \d+ ms/);
  });

  it('is operational again once the answers are back to the usual', async () => {
    delayMs = 10;
    await expectEventually(async () => expect((await partner()).status).toBe('operational'), { timeout: 15_000 });
  });
});
