import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RouteInventory, type RouteInfo } from '../../src/auth/route-inventory.js';
import type { AccessLevel } from '../../src/auth/roles.js';
import { api, kioskToken, liveClient, signIn, userWithRole } from '../support/auth-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Every HTTP route × every kind of caller, and the `/live` handshake for each: the access rules
 * as designed. A route added without `@Access`, or without a row here, fails this test by name.
 *
 * A row's request is chosen to have no side effect for callers who pass the guard: a read, or
 * a body or id the handler then refuses (400/404). The guard runs before the handler, so such
 * an answer proves the caller was let through, and 401/403 that they were not.
 */
type Caller = 'none' | 'viewer' | 'operator' | 'admin' | 'kiosk' | 'revokedKiosk' | 'revokedSession';
const CALLERS: Caller[] = ['none', 'viewer', 'operator', 'admin', 'kiosk', 'revokedKiosk', 'revokedSession'];

interface Row {
  access: AccessLevel;
  /** The concrete path to call (default: the route's own, without parameters). */
  path?: string;
  body?: unknown;
  /** The answer for a caller the rule lets through. */
  ok: number;
  /** Callers whose answer differs from the rule's default (a handler's own refusal). */
  except?: Partial<Record<Caller, number>>;
}

const NO_SUCH_UUID = '00000000-0000-4000-8000-000000000000';

const MATRIX: Record<string, Row> = {
  'GET /api/health': { access: 'public', ok: 200 },
  'GET /api/status': { access: 'viewer', ok: 200 },
  'GET /api/integrations': { access: 'viewer', ok: 200 },
  'GET /api/integrations/:id/history': { access: 'viewer', path: '/api/integrations/lab/history', ok: 200 },
  'GET /api/incidents': { access: 'viewer', ok: 200 },
  'GET /api/incidents/:id': { access: 'viewer', path: '/api/incidents/inc-none', ok: 404 },
  'POST /api/incidents/:id/ack': { access: 'operator', path: '/api/incidents/inc-none/ack', body: {}, ok: 404 },
  'POST /api/incidents/:id/notes': { access: 'operator', path: '/api/incidents/inc-none/notes', body: {}, ok: 400 },
  'GET /api/maintenance': { access: 'viewer', ok: 200 },
  'POST /api/maintenance': { access: 'operator', body: {}, ok: 400 },
  'DELETE /api/maintenance/:id': { access: 'operator', path: '/api/maintenance/not-a-number', ok: 400 },
  'POST /api/heartbeats/:key': { access: 'heartbeat-key', path: '/api/heartbeats/no-such-key', body: {}, ok: 404 },
  'GET /api/audit/verify': { access: 'viewer', ok: 200 },
  'GET /api/audit/export': { access: 'operator', path: '/api/audit/export?format=xls', ok: 400 },
  'GET /api/audit/export/:file': { access: 'viewer', path: '/api/audit/export/nothing.sha256', ok: 404 },
  'GET /api/auth/options': { access: 'public', ok: 200 },
  'POST /api/auth/login': { access: 'public', body: {}, ok: 400 },
  'POST /api/auth/logout': { access: 'public', body: { everywhere: 'yes' }, ok: 400 },
  'GET /api/auth/me': { access: 'viewer', ok: 200 },
  'POST /api/auth/password': { access: 'viewer', body: {}, ok: 400, except: { kiosk: 403 } },
  'POST /api/auth/setup': { access: 'public', body: {}, ok: 400 },
  'GET /api/auth/oidc/login': { access: 'public', ok: 404 },
  'GET /api/auth/oidc/callback': { access: 'public', ok: 404 },
  'GET /api/users': { access: 'admin', ok: 200 },
  'POST /api/users': { access: 'admin', body: {}, ok: 400 },
  'PATCH /api/users/:id': { access: 'admin', path: `/api/users/${NO_SUCH_UUID}`, body: {}, ok: 400 },
  'GET /api/kiosk-tokens': { access: 'admin', ok: 200 },
  'POST /api/kiosk-tokens': { access: 'admin', body: {}, ok: 400 },
  'DELETE /api/kiosk-tokens/:id': { access: 'admin', path: `/api/kiosk-tokens/${NO_SUCH_UUID}`, ok: 404 },
  'GET /metrics': { access: 'metrics', ok: 200 },
};

/** What the guard answers each caller for a rule, before the handler's own answer (`ok`). */
function expected(row: Row, caller: Caller): number {
  if (row.except?.[caller] !== undefined) return row.except[caller]!;
  const { access, ok } = row;
  if (access === 'public' || access === 'heartbeat-key') return ok;
  if (caller === 'none' || caller === 'revokedKiosk' || caller === 'revokedSession') return 401;
  const role = caller === 'kiosk' ? 'viewer' : caller;
  if (access === 'metrics') return role === 'admin' ? ok : 403;
  const rank = { viewer: 0, operator: 1, admin: 2 } as const;
  return rank[role] >= rank[access] ? ok : 403;
}

describe('access matrix: every route and the live handshake, for every kind of caller', () => {
  let app: TestApp;
  let target: Server;
  let routes: RouteInfo[];
  const tokens: Partial<Record<Caller, string>> = {};

  beforeAll(async () => {
    target = createServer((_req, res) => res.end('ok'));
    const port = await new Promise<number>((r) => target.listen(0, '127.0.0.1', () => r((target.address() as { port: number }).port)));
    app = await startTestApp({
      env: { LOGIN_PER_MINUTE: '1000' },
      catalogYaml: `
site: { name: Matrix Hospital }
integrations:
  - { id: lab, name: Lab, side: external, category: lab, partner: Lab, checks: [ { kind: http, url: "http://127.0.0.1:${port}/" } ] }
`,
    });
    routes = app.app.get(RouteInventory).routes();
    tokens.admin = (await signIn(app.url, app.admin!)).token;
    tokens.viewer = (await userWithRole(app.url, tokens.admin, 'viewer')).token;
    tokens.operator = (await userWithRole(app.url, tokens.admin, 'operator')).token;
    tokens.kiosk = (await kioskToken(app.url, tokens.admin, 'Matrix wall')).token;
    const revoked = await kioskToken(app.url, tokens.admin, 'Retired wall');
    expect((await api(app.url, 'DELETE', `/api/kiosk-tokens/${revoked.id}`, { token: tokens.admin })).status).toBe(204);
    tokens.revokedKiosk = revoked.token;
    const ended = await userWithRole(app.url, tokens.admin, 'operator');
    expect((await api(app.url, 'POST', '/api/auth/logout', { token: ended.token, body: {} })).status).toBe(204);
    tokens.revokedSession = ended.token;
  });

  afterAll(async () => {
    await app?.close();
    target?.close();
  });

  it('every route declares an access rule', () => {
    expect(routes.filter((r) => !r.access).map((r) => `${r.method} ${r.path} (${r.handler})`)).toEqual([]);
  });

  it('every route has a row in the matrix, with the same rule, and every row a route', () => {
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    const missing = keys.filter((k) => !(k in MATRIX));
    // /metrics is listed ahead of the metrics module; every other row must match a route.
    const stale = Object.keys(MATRIX).filter((k) => !keys.includes(k) && k !== 'GET /metrics');
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
    const differing = routes.filter((r) => MATRIX[`${r.method} ${r.path}`]?.access !== r.access).map((r) => `${r.method} ${r.path}: @Access('${r.access}') but the matrix says '${MATRIX[`${r.method} ${r.path}`]?.access}'`);
    expect(differing).toEqual([]);
  });

  it('answers each caller as designed', async () => {
    const got: string[] = [];
    const want: string[] = [];
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      const row = MATRIX[key];
      if (!row) continue;
      for (const caller of CALLERS) {
        const res = await api(app.url, route.method, row.path ?? route.path, { token: tokens[caller], body: row.body });
        await res.arrayBuffer();
        got.push(`${key} as ${caller}: ${res.status}`);
        want.push(`${key} as ${caller}: ${expected(row, caller)}`);
      }
    }
    expect(got).toEqual(want);
  });

  it('the live handshake: signed-in people and kiosks get a snapshot; nobody and ended credentials a connect_error', async () => {
    const outcome = async (caller: Caller) => {
      const token = tokens[caller];
      const client = liveClient(app.url, caller === 'kiosk' || caller === 'revokedKiosk' ? { kiosk: token } : { token });
      try {
        await client.connected;
        return 'snapshot';
      } catch (err) {
        return `refused: ${(err as Error).message}`;
      } finally {
        client.close();
      }
    };
    const results = Object.fromEntries(await Promise.all(CALLERS.map(async (c) => [c, await outcome(c)] as const)));
    expect(results).toEqual({
      none: 'refused: sign in required',
      viewer: 'snapshot',
      operator: 'snapshot',
      admin: 'snapshot',
      kiosk: 'snapshot',
      revokedKiosk: 'refused: your session or token has ended: sign in again',
      revokedSession: 'refused: your session or token has ended: sign in again',
    });
  });

  it('the live handshake refuses a foreign Origin, even with good credentials', async () => {
    const foreign = liveClient(app.url, { token: tokens.admin, origin: 'http://evil.example' });
    await expect(foreign.connected).rejects.toThrow('origin not allowed');
    foreign.close();
    const own = liveClient(app.url, { token: tokens.admin, origin: app.url.replace('localhost', 'localhost') });
    await expect(own.connected).resolves.toMatchObject({ site: { name: 'Matrix Hospital' } });
    own.close();
  });
});
