import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { AuditService } from '../../src/audit/audit.service.js';
import { CONTENT_SECURITY_POLICY } from '../../src/auth/http-security.js';
import { api, kioskToken, signIn, userWithRole } from '../support/auth-client.js';
import { CapturedLog } from '../support/captured-log.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const CATALOG = `
site: { name: Hardening Hospital }
integrations:
  - { id: engine, name: Engine, side: internal, category: application, checks: [ { kind: tcp, host: 127.0.0.1, port: 9 } ] }
`;
const ALLOWED = 'https://wall.hardening.example';
const CSP = Object.entries(CONTENT_SECURITY_POLICY)
  .map(([k, v]) => `${k} ${v.join(' ')}`)
  .join(';');

/** Each client of these tests comes from its own address (through a trusted proxy), so rate limits stay apart. */
let nextIp = 1;
const fromIp = () => ({ 'x-forwarded-for': `198.51.100.${nextIp++}` });

describe('hardening', () => {
  let app: TestApp;
  const log = new CapturedLog();
  let admin: string;

  beforeAll(async () => {
    app = await startTestApp({ catalogYaml: CATALOG, logger: log, env: { TRUST_PROXY: 'loopback', ALLOWED_ORIGINS: ALLOWED, LOGIN_PER_MINUTE: '5', LOCKOUT_AFTER: '3' } });
    admin = (await signIn(app.url, app.admin!, fromIp())).token;
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('sign-in', () => {
    it('a burst of attempts from one address is refused with 429 and Retry-After', async () => {
      const ip = fromIp();
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await api(app.url, 'POST', '/api/auth/login', { headers: ip, body: { email: `nobody${i}@x.example`, password: 'wrong password' } })).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
      const res = await api(app.url, 'POST', '/api/auth/login', { headers: ip, body: { email: 'nobody@x.example', password: 'x' } });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await res.json()).toMatchObject({ statusCode: 429, message: expect.stringMatching(/too many/) });
      // Another address is not held back.
      expect((await api(app.url, 'POST', '/api/auth/login', { headers: fromIp(), body: { email: app.admin!.email, password: app.admin!.password } })).status).toBe(200);
    });

    it('wrong passwords in a row lock the account, even against the right one; an admin reset unlocks it', async () => {
      const op = await userWithRole(app.url, admin, 'operator', undefined, fromIp());
      const attempt = (password: string) => api(app.url, 'POST', '/api/auth/login', { headers: fromIp(), body: { email: op.user.email, password } });
      expect((await attempt('wrong one')).status).toBe(401);
      expect((await attempt('wrong two')).status).toBe(401);
      const third = await attempt('wrong three');
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
      expect((await attempt(op.password)).status).toBe(429);
      const users = (await (await api(app.url, 'GET', '/api/users', { token: admin })).json()) as Array<{ email: string; lockedUntil: string | null }>;
      expect(users.find((u) => u.email === op.user.email)?.lockedUntil).not.toBeNull();
      expect((await api(app.url, 'PATCH', `/api/users/${op.user.id}`, { token: admin, body: { password: 'reset by the admin' } })).status).toBe(200);
      expect((await attempt('reset by the admin')).status).toBe(200);
    });

    it('an unknown e-mail and a wrong password get the same answer', async () => {
      const unknown = await api(app.url, 'POST', '/api/auth/login', { headers: fromIp(), body: { email: 'nobody@hardening.example', password: 'whatever it is' } });
      const wrong = await api(app.url, 'POST', '/api/auth/login', { headers: fromIp(), body: { email: app.admin!.email, password: 'not the password' } });
      expect([unknown.status, await unknown.json()]).toEqual([wrong.status, await wrong.json()]);
    });
  });

  describe('cookies', () => {
    it('the session cookie is httpOnly, SameSite=Strict, Path=/, and Secure on https (behind the trusted proxy)', async () => {
      const plain = await signIn(app.url, app.admin!, fromIp());
      expect(plain.setCookie).toMatch(/^lifeline_session=lls_[\w-]+; Max-Age=\d+; Path=\/; Expires=.*; HttpOnly; SameSite=Strict$/);
      const res = await api(app.url, 'POST', '/api/auth/login', { headers: { ...fromIp(), 'x-forwarded-proto': 'https' }, body: { email: app.admin!.email, password: app.admin!.password } });
      expect(res.headers.get('set-cookie')).toMatch(/; HttpOnly; Secure; SameSite=Strict$/);
    });

    it('a kiosk URL becomes an httpOnly kiosk cookie and a redirect that drops the token from the address', async () => {
      const { token } = await kioskToken(app.url, admin, 'Entrance wall');
      const res = await fetch(`${app.url}/wall?kiosk=${token}`, { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('/wall');
      const cookie = res.headers.get('set-cookie')!;
      expect(cookie).toMatch(/^lifeline_kiosk=llk_[\w-]+; Max-Age=\d+; Path=\/; Expires=.*; HttpOnly; SameSite=Strict$/);
      const status = await fetch(`${app.url}/api/status`, { headers: { cookie: cookie.split(';')[0] } });
      expect(status.status).toBe(200);
      const me = (await (await fetch(`${app.url}/api/auth/me`, { headers: { cookie: cookie.split(';')[0] } })).json()) as { kind: string; role: string };
      expect(me).toMatchObject({ kind: 'kiosk', role: 'viewer' });
      const bad = await fetch(`${app.url}/wall?kiosk=llk_not-a-real-token`, { redirect: 'manual' });
      expect([bad.status, bad.headers.get('location')]).toEqual([302, '/login?error=kiosk-token']);
      // `?kiosk=1` is the frontend's display flag, not a token: the page itself.
      expect((await fetch(`${app.url}/wall?kiosk=1`, { redirect: 'manual' })).status).not.toBe(302);
    });

    it('an ended session cookie is cleared in the answer', async () => {
      const s = await userWithRole(app.url, admin, 'viewer', undefined, fromIp());
      await api(app.url, 'POST', '/api/auth/logout', { token: s.token, body: {} });
      const res = await fetch(`${app.url}/api/status`, { headers: { cookie: s.cookie } });
      expect(res.status).toBe(401);
      expect(res.headers.get('set-cookie')).toMatch(/^lifeline_session=; Path=\/; Expires=Thu, 01 Jan 1970/);
    });
  });

  describe('headers', () => {
    it('every answer carries the strict CSP and helmet\'s headers, the API and the app alike', async () => {
      for (const path of ['/api/health', '/api/status', '/']) {
        const res = await fetch(`${app.url}${path}`);
        expect(res.headers.get('content-security-policy'), path).toBe(CSP);
        expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
        expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
        expect(res.headers.get('cross-origin-opener-policy'), path).toBe('same-origin');
        expect(res.headers.get('x-powered-by'), path).toBeNull();
      }
      expect(CSP).toContain("default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;connect-src 'self' ws: wss:");
      expect(CSP).toContain("frame-ancestors 'none'");
    });

    it.skipIf(!existsSync(new URL('../../../frontend/dist/index.html', import.meta.url)))('the built app has no inline script or style for the CSP to refuse', () => {
      const html = readFileSync(new URL('../../../frontend/dist/index.html', import.meta.url), 'utf8');
      expect(html.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? []).toEqual([]);
      expect(html.match(/<style\b|\sstyle=/g) ?? []).toEqual([]);
    });
  });

  describe('CORS', () => {
    it('closed by default: a preflight from another origin is refused, without CORS headers', async () => {
      const res = await fetch(`${app.url}/api/status`, { method: 'OPTIONS', headers: { origin: 'http://evil.example', 'access-control-request-method': 'GET' } });
      expect(res.status).toBe(403);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('a state-changing request with a foreign Origin is refused before it reaches a route', async () => {
      const res = await api(app.url, 'POST', '/api/auth/logout', { token: admin, body: {}, headers: { origin: 'http://evil.example' } });
      expect(res.status).toBe(403);
      expect((await api(app.url, 'GET', '/api/auth/me', { token: admin })).status).toBe(200);
      expect((await api(app.url, 'POST', '/api/kiosk-tokens', { token: admin, body: { name: 'Same origin' }, headers: { origin: app.url } })).status).toBe(201);
    });

    it('an origin in ALLOWED_ORIGINS gets CORS with credentials', async () => {
      const res = await fetch(`${app.url}/api/status`, { method: 'OPTIONS', headers: { origin: ALLOWED, 'access-control-request-method': 'GET' } });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
      expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    });
  });

  describe('input', () => {
    it('a body over 100 kB is a 413 in the API\'s JSON shape, JSON or form', async () => {
      const big = 'x'.repeat(200 * 1024);
      const json = await api(app.url, 'POST', '/api/auth/login', { headers: fromIp(), body: { email: 'a@b.example', password: big } });
      expect(json.status).toBe(413);
      expect(await json.json()).toEqual({ statusCode: 413, message: 'request body too large (limit 100kb)' });
      const form = await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `email=a&password=${big}` });
      expect(form.status).toBe(413);
      const broken = await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...fromIp() }, body: '{"email": ' });
      expect([broken.status, await broken.json()]).toEqual([400, { statusCode: 400, message: 'request body is not valid JSON' }]);
    });

    it('bodies, queries and ids are validated, and a 400 names each field', async () => {
      const body = await api(app.url, 'POST', '/api/users', { token: admin, body: { email: 'not-an-email', displayName: '', role: 'root', password: 'short', by: 'me' } });
      expect(body.status).toBe(400);
      const errors = ((await body.json()) as { errors: Array<{ path: string; message: string }> }).errors;
      expect(errors.map((e) => e.path).sort()).toEqual(['(root)', 'displayName', 'email', 'password', 'role']);
      expect(errors.find((e) => e.path === 'password')?.message).toMatch(/at least 12/);
      expect(errors.find((e) => e.path === '(root)')?.message).toBe('unknown field "by"');
      const query = await api(app.url, 'GET', '/api/incidents?from=yesterday', { token: admin });
      expect(((await query.json()) as { errors: Array<{ path: string }> }).errors[0].path).toBe('from');
      const id = await api(app.url, 'PATCH', '/api/users/42', { token: admin, body: { role: 'viewer' } });
      expect([id.status, ((await id.json()) as { errors: Array<{ path: string }> }).errors[0].path]).toEqual([400, 'id']);
      const ack = await api(app.url, 'POST', '/api/incidents/x/ack', { token: admin, body: { by: 'someone else' } });
      expect([ack.status, ((await ack.json()) as { message: string }).message]).toEqual([400, '(root): unknown field "by"']);
    });
  });

  describe('authorship', () => {
    it('a maintenance window is planned and cancelled by the signed-in person; a `by` in the body is refused', async () => {
      const op = await userWithRole(app.url, admin, 'operator', undefined, fromIp());
      const window = { integrationId: 'engine', start: '2030-01-01T08:00:00+01:00', end: '2030-01-01T09:00:00+01:00', reason: 'engine upgrade' };
      const spoofed = await api(app.url, 'POST', '/api/maintenance', { token: op.token, body: { ...window, by: 'someone else' } });
      expect(spoofed.status).toBe(400);
      const res = await api(app.url, 'POST', '/api/maintenance', { token: op.token, body: window });
      expect(res.status).toBe(201);
      const created = (await res.json()) as { id: string; createdBy: string };
      expect(created.createdBy).toBe(`Operator Person <${op.user.email}>`);
      expect((await api(app.url, 'DELETE', `/api/maintenance/${created.id}`, { token: op.token })).status).toBe(204);
      expect((await api(app.url, 'DELETE', `/api/maintenance/${created.id}`, { token: op.token })).status).toBe(404);
    });
  });

  describe('audit', () => {
    it('admin actions are in the audit log, with who did them, and no secret', async () => {
      const created = await api(app.url, 'POST', '/api/users', { token: admin, body: { email: 'audited@lifeline.test', displayName: 'Audited', role: 'viewer', password: 'audited person password' } });
      const user = (await created.json()) as { id: string };
      await api(app.url, 'PATCH', `/api/users/${user.id}`, { token: admin, body: { role: 'operator' } });
      const kiosk = await kioskToken(app.url, admin, 'Audited wall');
      await api(app.url, 'DELETE', `/api/kiosk-tokens/${kiosk.id}`, { token: admin });
      await app.app.get(AuditService).flushed();
      const rows: Array<{ kind: string; subject: string; actor: string; payload: unknown }> = await app.app
        .get(DataSource)
        .query(`SELECT "kind", "subject", "actor", "payload" FROM "audit_log" WHERE "kind" LIKE 'user.%' OR "kind" LIKE 'kiosk-token.%' ORDER BY "seq"`);
      const mine = rows.filter((r) => r.subject === 'audited@lifeline.test' || r.subject === `kiosk-token:${kiosk.id}`);
      expect(mine.map((r) => [r.kind, r.actor, r.payload])).toEqual([
        ['user.created', app.admin!.email, { role: 'viewer', password: true }],
        ['user.updated', app.admin!.email, { role: 'operator' }],
        ['kiosk-token.created', app.admin!.email, { name: 'Audited wall' }],
        ['kiosk-token.revoked', app.admin!.email, {}],
      ]);
      expect(JSON.stringify(rows)).not.toContain('audited person password');
      expect(JSON.stringify(rows)).not.toContain(kiosk.token);
    });
  });

  describe('secrets', () => {
    it('no password, token, cookie or hash in the log, in error answers, or in what the API gives back', async () => {
      const op = await userWithRole(app.url, admin, 'operator', undefined, fromIp());
      const kiosk = await kioskToken(app.url, admin, 'Log wall');
      await fetch(`${app.url}/wall?kiosk=${kiosk.token}`, { redirect: 'manual' });
      await api(app.url, 'POST', '/api/auth/password', { token: op.token, headers: fromIp(), body: { currentPassword: op.password, newPassword: 'the new secret passphrase' } });
      await api(app.url, 'POST', '/api/auth/login', { headers: fromIp(), body: { email: op.user.email, password: 'a wrong secret guess' } });
      const failed = await api(app.url, 'GET', '/api/status', { token: 'lls_this-secret-token-is-not-valid' });
      const failedText = await failed.text();
      const listed = (await (await api(app.url, 'GET', '/api/users', { token: admin })).text()) + (await (await api(app.url, 'GET', '/api/kiosk-tokens', { token: admin })).text());
      const secrets = [app.admin!.password, op.password, 'the new secret passphrase', 'a wrong secret guess', op.token, admin, kiosk.token, 'lls_this-secret-token-is-not-valid', '$argon2id'];
      for (const s of secrets) {
        expect(log.text, `the log must not contain ${s.slice(0, 8)}…`).not.toContain(s);
        expect(listed).not.toContain(s);
        expect(failedText).not.toContain(s);
      }
      expect(log.text).toMatch(/signed in/);
      expect(log.text).toMatch(/kiosk-token\.created/);
    });
  });
});
