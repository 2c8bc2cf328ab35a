import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket as TcpSocket } from 'node:net';
import type { IntegrationsRefreshedEvent, IntegrationUpdatedEvent, Snapshot, TickEvent } from '@lifeline/shared';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, signIn } from '../support/auth-client.js';
import { expectEventually } from '../support/expect-eventually.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

function listen(server: Server | TcpServer): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

describe('the whole backend: catalog → scheduler → probes → status → /live', () => {
  let app: TestApp;
  let http: Server;
  let tcp: TcpServer;
  const tcpSockets = new Set<TcpSocket>();
  let client: Socket;
  /** An operator's view: full reasons (viewers get the projection, see test/auth). */
  let token: string;
  const get = (path: string) => fetch(`${app.url}${path}`, { headers: bearer(token) });
  const snapshots: Snapshot[] = [];
  const updates: IntegrationUpdatedEvent[] = [];
  const ticks: TickEvent[] = [];
  const refreshes: IntegrationsRefreshedEvent[] = [];

  beforeAll(async () => {
    http = createHttpServer((_req, res) => res.end('{"status":"ok"}'));
    tcp = createTcpServer((s) => {
      tcpSockets.add(s);
      s.on('close', () => tcpSockets.delete(s));
    });
    const [httpPort, tcpPort] = [await listen(http), await listen(tcp)];
    app = await startTestApp({
      databaseUrl: process.env.TEST_DATABASE_URL ? undefined : undefined,
      catalogYaml: `
site: { name: Test Hospital, timezone: Europe/Brussels }
defaults: { interval: 1s, timeout: 500ms, failuresToDown: 2, successesToRecover: 2 }
integrations:
  - id: partner-api
    name: Partner API
    side: external
    category: lab
    partner: Partner
    checks:
      - { kind: http, url: "http://127.0.0.1:${httpPort}/health", bodyContains: ok }
  - id: engine
    name: Interface engine
    side: internal
    category: application
    checks:
      - { kind: tcp, host: 127.0.0.1, port: ${tcpPort} }
`,
    });
    token = (await signIn(app.url, app.admin!)).token;
    client = io(`${app.url}/live`, { transports: ['websocket'], reconnection: false, auth: { token } });
    client.on('snapshot', (s: Snapshot) => snapshots.push(s));
    client.on('integration.updated', (e: IntegrationUpdatedEvent) => updates.push(e));
    client.on('tick', (e: TickEvent) => ticks.push(e));
    client.on('integrations.refreshed', (e: IntegrationsRefreshedEvent) => refreshes.push(e));
  });

  afterAll(async () => {
    client?.close();
    await app?.close();
    http?.close();
    http?.closeAllConnections();
    for (const s of tcpSockets) s.destroy();
    tcp?.close();
  });

  it('sends a snapshot on connect with every integration of the catalog', async () => {
    const first = await expectEventually(() => {
      expect(snapshots.length).toBeGreaterThan(0);
      return snapshots[0];
    });
    expect(first.site).toEqual({ name: 'Test Hospital', timezone: 'Europe/Brussels' });
    expect(first.integrations.map((i) => i.id).sort()).toEqual(['engine', 'partner-api']);
    expect(typeof first.seq).toBe('number');
  });

  it('reports both targets operational once probed, over HTTP and the socket', async () => {
    await expectEventually(async () => {
      const res = await get('/api/status');
      const snap = (await res.json()) as Snapshot;
      expect(snap.integrations.map((i) => [i.id, i.status]).sort()).toEqual([
        ['engine', 'operational'],
        ['partner-api', 'operational'],
      ]);
      expect(snap.verdict.internal).toBe('operational');
      expect(snap.verdict.external).toBe('operational');
    });
    // Seen live: in an update, or already in the snapshot when the probes were quicker than the sign-in.
    const seen = [...snapshots.flatMap((s) => s.integrations), ...updates.map((u) => u.integration)];
    expect(seen.some((i) => i.id === 'partner-api' && i.status === 'operational')).toBe(true);
  });

  it('sends fresh latency and check times of all integrations in one event just before each tick, not one event each', async () => {
    const [refreshesBefore, updatesBefore] = [refreshes.length, updates.length];
    // Checks run every second, ticks come every 5 s: wait for two ticks' worth.
    const refreshed = await expectEventually(
      () => {
        const r = refreshes.slice(refreshesBefore).find((e) => e.integrations.length === 2 && ticks.some((t) => t.seq === e.seq + 1));
        expect(r).toBeDefined();
        return r!;
      },
      { timeout: 12_000 },
    );
    expect(refreshed.integrations.map((i) => i.id).sort()).toEqual(['engine', 'partner-api']);
    const partner = refreshed.integrations.find((i) => i.id === 'partner-api')!;
    expect(Date.now() - Date.parse(partner.lastCheckedAt!)).toBeLessThan(7_000);
    expect(typeof partner.latencyMs).toBe('number');
    // Nothing changed status meanwhile, so no integration.updated either.
    expect(updates.slice(updatesBefore)).toEqual([]);
  });

  it('pushes integration.updated with status down when a target stops, with increasing seq', async () => {
    const before = updates.length;
    http.close();
    http.closeAllConnections();
    const down = await expectEventually(
      () => {
        const u = updates.slice(before).find((e) => e.integration.id === 'partner-api' && e.integration.status === 'down');
        expect(u).toBeDefined();
        return u!;
      },
      { timeout: 8_000 },
    );
    expect(down.integration.reasons.join(' ')).toMatch(/refused/);
    expect(down.integration.attribution?.cause).toBe('partner');
    const seqs = [...updates.map((u) => u.seq), ...ticks.map((t) => t.seq), ...refreshes.map((r) => r.seq)].sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(down.seq).toBeGreaterThan(snapshots[0].seq);
    const health = (await (await get('/api/health')).json()) as { status: string; database: { ok: boolean }; scheduler: { ok: boolean }; memory: { rssMb: number; heapUsedMb: number } };
    expect(health).toMatchObject({ status: 'ok', database: { ok: true }, scheduler: { ok: true } });
    expect(health.memory.heapUsedMb).toBeGreaterThan(1);
    expect(health.memory.rssMb).toBeGreaterThan(health.memory.heapUsedMb);
  });

  it('records the transition in history', async () => {
    await expectEventually(async () => {
      const res = await get('/api/integrations/partner-api/history');
      const body = (await res.json()) as { transitions: Array<{ to: string }>; results: Array<{ ok: boolean; errorClass: string | null }> };
      expect(body.transitions.map((t) => t.to)).toEqual(['operational', 'down']);
      expect(body.results.some((r) => !r.ok && r.errorClass === 'refused')).toBe(true);
    });
  });

  it('answers a bad history query with a 400 naming the field', async () => {
    const res = await get('/api/integrations/partner-api/history?from=yesterday');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { statusCode: number; errors: Array<{ path: string }> };
    expect(body.statusCode).toBe(400);
    expect(body.errors[0].path).toBe('from');
    expect((await get('/api/integrations/nope/history')).status).toBe(404);
  });
});
