import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CatalogError } from '../../src/catalog/catalog-loader.js';
import { api, liveClient, signIn } from '../support/auth-client.js';
import { CapturedLog } from '../support/captured-log.js';
import { tempDir } from '../support/temp-dir.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const CATALOG = `
site: { name: Bootstrap Hospital }
integrations:
  - { id: engine, name: Engine, side: internal, category: application, checks: [ { kind: tcp, host: 127.0.0.1, port: 9 } ] }
`;

describe('the first admin', () => {
  const apps: TestApp[] = [];
  const dirs: Array<{ remove(): void }> = [];
  afterAll(async () => {
    for (const a of apps) await a.close().catch(() => undefined);
    for (const d of dirs) d.remove();
  });

  describe('the demo, with no admin: open to look at, a one-time setup link to run it', () => {
    const log = new CapturedLog();
    let app: TestApp;

    it('prints the setup link once, at start', async () => {
      app = await startTestApp({ logger: log, config: { demoInterval: '1s' } });
      apps.push(app);
      const lines = log.lines.filter((l) => l.includes('/setup?token='));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/No admin yet\. Create the first one, once, within 24 h, at: http:\/\/127\.0\.0\.1:\d+\/setup\?token=llsetup_[\w-]{43}/);
      expect(await (await api(app.url, 'GET', '/api/auth/options')).json()).toEqual({ password: true, oidc: false, setupPending: true, demoOpenView: true });
    });

    it('anyone may watch the demo (a viewer, projected), nobody may act without signing in', async () => {
      expect((await api(app.url, 'GET', '/api/status')).status).toBe(200);
      expect(await (await api(app.url, 'GET', '/api/auth/me')).json()).toEqual({ kind: 'anonymous', role: 'viewer', demo: true });
      expect((await api(app.url, 'POST', '/api/maintenance', { body: {} })).status).toBe(401);
      expect((await api(app.url, 'GET', '/api/users')).status).toBe(401);
      const socket = liveClient(app.url);
      expect((await socket.connected).demo?.label).toMatch(/simulat/i);
      socket.close();
    });

    it('the link creates the admin and signs them in; it works only once', async () => {
      const token = /setup\?token=(llsetup_[\w-]+)/.exec(log.text)![1];
      const body = { token, email: 'Head.Of.IT@Hospital.example', password: 'first admin passphrase', displayName: 'Head of IT' };
      const bad = await api(app.url, 'POST', '/api/auth/setup', { body: { ...body, password: 'short' } });
      expect(bad.status).toBe(400);
      const res = await api(app.url, 'POST', '/api/auth/setup', { body });
      expect(res.status).toBe(201);
      expect(res.headers.get('set-cookie')).toMatch(/^lifeline_session=lls_/);
      const created = (await res.json()) as { token: string; user: { email: string; role: string } };
      expect(created.user).toMatchObject({ email: 'head.of.it@hospital.example', role: 'admin' });
      expect((await api(app.url, 'GET', '/api/users', { token: created.token })).status).toBe(200);
      const again = await api(app.url, 'POST', '/api/auth/setup', { body: { ...body, email: 'intruder@evil.example' } });
      expect(again.status).toBe(401);
      expect(((await api(app.url, 'POST', '/api/auth/setup', { body: { ...body, token: 'llsetup_guess' } })).status)).toBe(401);
      expect(await (await api(app.url, 'GET', '/api/auth/options')).json()).toMatchObject({ setupPending: false });
      expect(log.text).not.toContain('first admin passphrase');
    });
  });

  describe('ADMIN_EMAIL / ADMIN_PASSWORD', () => {
    it('creates the admin at start (no link printed, the password never logged), and restores it at the next start', async () => {
      const dir = tempDir();
      dirs.push(dir);
      const dataDir = join(dir.path, 'data');
      const log = new CapturedLog();
      const first = await startTestApp({ catalogYaml: CATALOG, logger: log, admin: { email: 'ops@hospital.example', password: 'from the environment' }, config: { dataDir } });
      apps.push(first);
      const session = await signIn(first.url, { email: 'ops@hospital.example', password: 'from the environment' });
      expect(session.user.role).toBe('admin');
      expect(log.text).not.toContain('/setup?token=');
      expect(log.text).not.toContain('from the environment');
      // Someone demotes the admin and changes its password…
      const viewer = await api(first.url, 'POST', '/api/users', { token: session.token, body: { email: 'other@hospital.example', displayName: 'Other', role: 'admin', password: 'other admin passphrase' } });
      expect(viewer.status).toBe(201);
      const other = await signIn(first.url, { email: 'other@hospital.example', password: 'other admin passphrase' });
      expect((await api(first.url, 'PATCH', `/api/users/${session.user.id}`, { token: other.token, body: { role: 'viewer', password: 'changed meanwhile' } })).status).toBe(200);
      await first.close();
      apps.pop();

      // …the next start with the same environment restores it.
      const second = await startTestApp({ catalogYaml: CATALOG, admin: { email: 'ops@hospital.example', password: 'from the environment' }, config: { dataDir } });
      apps.push(second);
      await expect(signIn(second.url, { email: 'ops@hospital.example', password: 'changed meanwhile' })).rejects.toThrow(/401/);
      expect((await signIn(second.url, { email: 'ops@hospital.example', password: 'from the environment' })).user.role).toBe('admin');
    });

    it('outside the demo, nobody sees anything without signing in', async () => {
      const app = apps.at(-1)!;
      expect((await api(app.url, 'GET', '/api/status')).status).toBe(401);
      await expect(liveClient(app.url).connected).rejects.toThrow('sign in required');
      expect(await (await api(app.url, 'GET', '/api/health')).json()).toEqual({ status: 'ok' });
    });
  });

  describe('TARGET_ALLOWLIST', () => {
    it('refuses a catalog whose checks reach outside it, every one listed by path', async () => {
      const yaml = `
site: { name: Allowlist Hospital }
integrations:
  - id: lab
    name: Lab
    side: external
    category: lab
    partner: Lab
    checks:
      - { kind: http, url: "https://results.lab.example/health" }
      - { kind: tcp, host: 10.1.2.3, port: 2575 }
      - { kind: tcp, host: 192.168.7.7, port: 2575 }
`;
      const err = await startTestApp({ catalogYaml: yaml, env: { TARGET_ALLOWLIST: '*.lab.example, 10.0.0.0/8' } }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(CatalogError);
      expect((err as CatalogError).errors).toEqual([{ path: 'integrations[0].checks[2].host', message: 'target 192.168.7.7 is not in TARGET_ALLOWLIST' }]);
    });
  });
});
