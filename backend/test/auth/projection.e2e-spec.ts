import { createServer, type Server } from 'node:http';
import type { IncidentSnapshot, Snapshot } from '@lifeline/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, kioskToken, liveClient, signIn, userWithRole, type LiveClient } from '../support/auth-client.js';
import { expectEventually } from '../support/expect-eventually.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * What viewers and wall screens get on the wire, against what operators get: the same picture,
 * without probe targets, raw error details (here a partner's health page that names its own
 * internals) or operators' notes.
 */
describe('the viewer projection, on the wire', () => {
  let app: TestApp;
  let partner: Server;
  let port: number;
  let target: string;
  const INTERNAL_HOST = 'mllp-gw.internal.uzgent.example';
  let operator: string;
  let viewer: string;
  let kiosk: LiveClient;
  let viewerSocket: LiveClient;
  let operatorSocket: LiveClient;
  /** What no viewer may ever see. */
  let secrets: string[];
  /** The partner fails once every screen is connected, so each sees the status change itself. */
  let failing = false;

  beforeAll(async () => {
    partner = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ status: failing ? `cannot reach ${INTERNAL_HOST}:6661 from http://127.0.0.1:${port}/hl7` : 'ok' }));
    });
    port = await new Promise<number>((r) => partner.listen(0, '127.0.0.1', () => r((partner.address() as { port: number }).port)));
    target = `http://127.0.0.1:${port}/health`;
    app = await startTestApp({
      env: { LOGIN_PER_MINUTE: '1000' },
      catalogYaml: `
site: { name: Projection Hospital }
defaults: { interval: 500ms, timeout: 400ms, failuresToDown: 1 }
incidents: { settle: 500ms }
integrations:
  - id: lab
    name: Lab results
    side: external
    category: lab
    partner: Lab
    checks: [ { kind: http, url: "${target}", jsonPath: status, equals: ok } ]
`,
    });
    secrets = [target, `127.0.0.1:${port}`, String(port), INTERNAL_HOST, '6661', 'jsonPath'];
    const admin = (await signIn(app.url, app.admin!)).token;
    operator = (await userWithRole(app.url, admin, 'operator')).token;
    viewer = (await userWithRole(app.url, admin, 'viewer')).token;
    kiosk = liveClient(app.url, { kiosk: (await kioskToken(app.url, admin)).token });
    viewerSocket = liveClient(app.url, { token: viewer });
    operatorSocket = liveClient(app.url, { token: operator });
    await Promise.all([kiosk.connected, viewerSocket.connected, operatorSocket.connected]);
  });

  afterAll(async () => {
    for (const c of [kiosk, viewerSocket, operatorSocket]) c?.close();
    await app?.close();
    partner?.close();
  });

  const incidentOf = (c: LiveClient) => c.events.find((e) => e.name === 'incident.opened')?.payload as { incident: IncidentSnapshot } | undefined;

  it('operators get the failure details; viewers and kiosks the generic words, over the socket', async () => {
    failing = true;
    const down = (c: LiveClient) =>
      expectEventually(() => {
        const e = c.events.find((x) => x.name === 'integration.updated' && (x.payload as { integration: { status: string } }).integration.status === 'down');
        expect(e).toBeDefined();
        return e!.payload as { seq: number; integration: { reasons: string[] } };
      });
    const [full, kioskView, viewerView] = await Promise.all([down(operatorSocket), down(kiosk), down(viewerSocket)]);
    expect(full.integration.reasons.join(' ')).toContain(INTERNAL_HOST);
    expect(full.integration.reasons.join(' ')).toContain(`127.0.0.1:${port}`);
    for (const seen of [kioskView, viewerView]) {
      expect(seen.seq).toBe(full.seq);
      expect(seen.integration.reasons).toEqual([expect.stringMatching(/^\d+ consecutive failures? \(unexpected answer\)$/)]);
    }
    await expectEventually(() => expect(incidentOf(kiosk)).toBeDefined());
  });

  it('an operator\'s acknowledgement note and notes reach operators only; viewers see who acknowledged', async () => {
    const incident = await expectEventually(() => incidentOf(operatorSocket)!.incident);
    expect((await api(app.url, 'POST', `/api/incidents/${incident.id}/ack`, { token: operator, body: { note: 'restarting 10.9.8.7' } })).status).toBe(201);
    expect((await api(app.url, 'POST', `/api/incidents/${incident.id}/notes`, { token: operator, body: { text: 'VPN to 10.9.8.7 down, called Lab' } })).status).toBe(201);
    const updated = (c: LiveClient) =>
      expectEventually(() => {
        const e = c.events.filter((x) => x.name === 'incident.updated').map((x) => (x.payload as { incident: IncidentSnapshot }).incident).find((i) => i.notes.length > 0 || (i.acknowledgements.length > 0 && c !== operatorSocket));
        expect(e).toBeDefined();
        return e!;
      });
    const full = await updated(operatorSocket);
    expect(full.acknowledgements[0]).toMatchObject({ by: expect.stringMatching(/^Operator Person <operator-.*@lifeline\.test>$/), note: 'restarting 10.9.8.7' });
    expect(full.notes[0].text).toBe('VPN to 10.9.8.7 down, called Lab');
    const projected = await updated(kiosk);
    expect(projected.acknowledgements[0]).toEqual({ by: 'Operator Person', at: full.acknowledgements[0].at });
    expect(projected.notes).toEqual([]);
  });

  it('nothing a viewer or a kiosk received over the socket names the target, its address or its internals', () => {
    for (const c of [kiosk, viewerSocket]) {
      const wire = JSON.stringify(c.events);
      for (const s of [...secrets, '10.9.8.7', 'operator-']) expect(wire, s).not.toContain(s);
    }
    expect(JSON.stringify(operatorSocket.events)).toContain(String(port));
  });

  it('over HTTP too: status, the catalog, history and incidents', async () => {
    const paths = ['/api/status', '/api/integrations', '/api/integrations/lab/history', '/api/incidents'];
    for (const path of paths) {
      const text = await (await api(app.url, 'GET', path, { token: viewer })).text();
      for (const s of [...secrets, '10.9.8.7']) expect(text, `${path} must not contain ${s}`).not.toContain(s);
    }
    const catalog = (await (await api(app.url, 'GET', '/api/integrations', { token: viewer })).json()) as Array<{ checks: unknown[] }>;
    expect(catalog[0].checks).toEqual([{ kind: 'http', interval: 500 }]);
    const full = (await (await api(app.url, 'GET', '/api/integrations', { token: operator })).json()) as Array<{ checks: Array<{ url: string }> }>;
    expect(full[0].checks[0].url).toBe(target);
    const snapshot = (await (await api(app.url, 'GET', '/api/status', { token: operator })).json()) as Snapshot;
    expect(JSON.stringify(snapshot)).toContain(INTERNAL_HOST);
  });
});
