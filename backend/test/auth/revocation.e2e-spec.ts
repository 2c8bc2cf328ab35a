import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, kioskToken, liveClient, signIn, userWithRole, type LiveClient } from '../support/auth-client.js';
import { expectEventually } from '../support/expect-eventually.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const CATALOG = `
site: { name: Revocation Hospital }
integrations:
  - { id: engine, name: Engine, side: internal, category: application, checks: [ { kind: tcp, host: 127.0.0.1, port: 9 } ] }
`;

/** Ended access reaches open sockets at once: they are disconnected by the server, and cannot come back. */
describe('revocation cuts live sockets', () => {
  let app: TestApp;
  let admin: string;
  const clients: LiveClient[] = [];
  const open = async (opts: Parameters<typeof liveClient>[1]) => {
    const c = liveClient(app.url, opts);
    clients.push(c);
    await c.connected;
    return c;
  };
  const cutBy = async (c: LiveClient) => expect(await c.disconnected).toBe('io server disconnect');
  const stillOpen = (c: LiveClient) => expect(c.socket.connected).toBe(true);

  beforeAll(async () => {
    app = await startTestApp({ catalogYaml: CATALOG, env: { LOGIN_PER_MINUTE: '1000' } });
    admin = (await signIn(app.url, app.admin!)).token;
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await app?.close();
  });

  it('logout: that session\'s sockets are cut; the same person\'s other session stays', async () => {
    const op = await userWithRole(app.url, admin, 'operator');
    const other = await signIn(app.url, { email: op.user.email, password: op.password });
    const a = await open({ token: op.token });
    const b = await open({ cookie: other.cookie });
    expect((await api(app.url, 'POST', '/api/auth/logout', { token: op.token, body: {} })).status).toBe(204);
    await cutBy(a);
    stillOpen(b);
    await expect(liveClient(app.url, { token: op.token }).connected).rejects.toThrow(/ended/);
    expect((await api(app.url, 'GET', '/api/auth/me', { token: op.token })).status).toBe(401);
  });

  it('logout everywhere: every session of the person is cut', async () => {
    const op = await userWithRole(app.url, admin, 'operator');
    const other = await signIn(app.url, { email: op.user.email, password: op.password });
    const a = await open({ token: op.token });
    const b = await open({ token: other.token });
    expect((await api(app.url, 'POST', '/api/auth/logout', { token: op.token, body: { everywhere: true } })).status).toBe(204);
    await cutBy(a);
    await cutBy(b);
    expect((await api(app.url, 'GET', '/api/auth/me', { token: other.token })).status).toBe(401);
  });

  it('password change: the person\'s other sessions and sockets are cut; the session that changed it stays', async () => {
    const op = await userWithRole(app.url, admin, 'operator');
    const other = await signIn(app.url, { email: op.user.email, password: op.password });
    const mine = await open({ token: op.token });
    const elsewhere = await open({ token: other.token });
    const res = await api(app.url, 'POST', '/api/auth/password', { token: op.token, body: { currentPassword: op.password, newPassword: 'a brand new passphrase' } });
    expect(res.status).toBe(204);
    await cutBy(elsewhere);
    stillOpen(mine);
    expect((await api(app.url, 'GET', '/api/auth/me', { token: op.token })).status).toBe(200);
    expect((await api(app.url, 'GET', '/api/auth/me', { token: other.token })).status).toBe(401);
    await expect(signIn(app.url, { email: op.user.email, password: op.password })).rejects.toThrow(/401/);
    await signIn(app.url, { email: op.user.email, password: 'a brand new passphrase' });
  });

  it('role change: the person is cut everywhere and signs in again with the new role', async () => {
    const op = await userWithRole(app.url, admin, 'operator');
    const socket = await open({ token: op.token });
    const res = await api(app.url, 'PATCH', `/api/users/${op.user.id}`, { token: admin, body: { role: 'viewer' } });
    expect(res.status).toBe(200);
    await cutBy(socket);
    expect((await api(app.url, 'GET', '/api/auth/me', { token: op.token })).status).toBe(401);
    const again = await signIn(app.url, { email: op.user.email, password: op.password });
    expect(again.user.role).toBe('viewer');
    expect((await api(app.url, 'POST', '/api/maintenance', { token: again.token, body: {} })).status).toBe(403);
  });

  it('disabling a person: cut at once, and refused at sign-in', async () => {
    const viewer = await userWithRole(app.url, admin, 'viewer');
    const socket = await open({ cookie: viewer.cookie });
    expect((await api(app.url, 'PATCH', `/api/users/${viewer.user.id}`, { token: admin, body: { disabled: true } })).status).toBe(200);
    await cutBy(socket);
    await expect(signIn(app.url, { email: viewer.user.email, password: viewer.password })).rejects.toThrow(/401/);
  });

  it('revoking a kiosk token: the wall screens using it are cut; another screen stays', async () => {
    const wall = await kioskToken(app.url, admin, 'Wall A');
    const other = await kioskToken(app.url, admin, 'Wall B');
    const a1 = await open({ kiosk: wall.token });
    const a2 = await open({ token: wall.token });
    const b = await open({ kiosk: other.token });
    expect((await api(app.url, 'DELETE', `/api/kiosk-tokens/${wall.id}`, { token: admin })).status).toBe(204);
    await cutBy(a1);
    await cutBy(a2);
    stillOpen(b);
    await expect(liveClient(app.url, { kiosk: wall.token }).connected).rejects.toThrow(/ended/);
    await expectEventually(async () => {
      const list = (await (await api(app.url, 'GET', '/api/kiosk-tokens', { token: admin })).json()) as Array<{ id: string; revokedAt: string | null; lastUsedAt: string | null }>;
      expect(list.find((t) => t.id === wall.id)?.revokedAt).not.toBeNull();
      expect(list.find((t) => t.id === other.id)?.lastUsedAt).not.toBeNull();
    });
  });

  it('the last enabled admin cannot be demoted or disabled', async () => {
    const me = (await (await api(app.url, 'GET', '/api/auth/me', { token: admin })).json()) as { user: { id: string } };
    const res = await api(app.url, 'PATCH', `/api/users/${me.user.id}`, { token: admin, body: { role: 'operator' } });
    expect(res.status).toBe(409);
    expect((await api(app.url, 'PATCH', `/api/users/${me.user.id}`, { token: admin, body: { disabled: true } })).status).toBe(409);
  });
});
