import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, liveClient, signIn } from '../support/auth-client.js';
import { CapturedLog } from '../support/captured-log.js';
import { freePort } from '../support/free-port.js';
import { startOidcPeer, type DirectoryAccount, type OidcPeer } from '../support/oidc-peer.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const CLIENT = { clientId: 'lifeline', clientSecret: 'lifeline-client-secret-for-tests' };

/** A browser's cookies, per host, enough to walk redirects between Lifeline and the directory. */
class Browser {
  private readonly jar = new Map<string, Map<string, string>>();

  async get(url: string): Promise<Response> {
    const host = new URL(url).host;
    const cookies = [...(this.jar.get(host) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, { redirect: 'manual', headers: cookies ? { cookie: cookies } : {} });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      const jar = this.jar.get(host) ?? new Map<string, string>();
      const value = pair.slice(eq + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) jar.delete(pair.slice(0, eq));
      else jar.set(pair.slice(0, eq), value);
      this.jar.set(host, jar);
    }
    return res;
  }

  /** Follows redirects from `url` until one leaves for a page (not a redirect); returns every hop. */
  async follow(url: string, max = 12): Promise<string[]> {
    const hops = [url];
    let current = url;
    for (let i = 0; i < max; i++) {
      const res = await this.get(current);
      await res.arrayBuffer();
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return hops;
      current = new URL(location, current).href;
      hops.push(current);
      if (new URL(current).pathname === '/' || new URL(current).pathname === '/login') return hops;
    }
    throw new Error(`too many redirects: ${hops.join(' → ')}`);
  }

  cookie(host: string, name: string): string | undefined {
    return this.jar.get(host)?.get(name);
  }
}

describe('directory sign-in (OIDC) against a real provider', () => {
  let peer: OidcPeer;
  let app: TestApp;
  const log = new CapturedLog();
  let appHost: string;

  const person = (over: Partial<DirectoryAccount>): DirectoryAccount => ({ sub: 'u-1', email: 'an.peeters@uzgent.example', email_verified: true, name: 'An Peeters', groups: [], ...over });
  const signInThroughDirectory = async (account: DirectoryAccount) => {
    peer.signInAs(account);
    const browser = new Browser();
    const hops = await browser.follow(`${app.url}/api/auth/oidc/login`);
    return { browser, hops, landed: hops.at(-1)!, session: browser.cookie(appHost, 'lifeline_session') };
  };

  beforeAll(async () => {
    const port = await freePort();
    const redirectUri = `http://localhost:${port}/api/auth/oidc/callback`;
    peer = await startOidcPeer({ ...CLIENT, redirectUri });
    app = await startTestApp({
      logger: log,
      catalogYaml: `
site: { name: Directory Hospital }
integrations:
  - { id: engine, name: Engine, side: internal, category: application, checks: [ { kind: tcp, host: 127.0.0.1, port: 9 } ] }
`,
      config: { port },
      env: {
        OIDC_ISSUER: peer.issuer,
        OIDC_CLIENT_ID: CLIENT.clientId,
        OIDC_CLIENT_SECRET: CLIENT.clientSecret,
        OIDC_REDIRECT_URI: redirectUri,
        OIDC_ROLE_CLAIM: 'groups',
        OIDC_ROLE_MAP: 'lifeline-admins=admin,lifeline-ops=operator,lifeline-wall=viewer',
        OIDC_SCOPES: 'openid email profile groups',
      },
    });
    appHost = new URL(app.url).host;
  });

  afterAll(async () => {
    await app?.close();
    await peer?.close();
  });

  it('the sign-in page is told the directory is there', async () => {
    expect(await (await api(app.url, 'GET', '/api/auth/options')).json()).toMatchObject({ oidc: true, password: true });
  });

  it('leaves with PKCE, state and nonce, comes back signed in with the role its groups map to', async () => {
    const start = await fetch(`${app.url}/api/auth/oidc/login`, { redirect: 'manual' });
    const to = new URL(start.headers.get('location')!);
    expect(to.origin).toBe(peer.issuer);
    expect(Object.fromEntries(['code_challenge_method', 'response_type', 'client_id'].map((k) => [k, to.searchParams.get(k)]))).toEqual({ code_challenge_method: 'S256', response_type: 'code', client_id: 'lifeline' });
    for (const k of ['state', 'nonce', 'code_challenge']) expect(to.searchParams.get(k)).toMatch(/^[\w-]{20,}$/);
    expect(start.headers.get('set-cookie')).toMatch(/^lifeline_oidc=s%3A.*; Path=\/api\/auth\/oidc; .*HttpOnly; SameSite=Lax$/);

    const { landed, session } = await signInThroughDirectory(person({ groups: ['staff', 'lifeline-admins'] }));
    expect(new URL(landed).pathname).toBe('/');
    expect(session).toMatch(/^lls_/);
    const me = (await (await fetch(`${app.url}/api/auth/me`, { headers: { cookie: `lifeline_session=${session}` } })).json()) as { user: { email: string; role: string; displayName: string } };
    expect(me.user).toMatchObject({ email: 'an.peeters@uzgent.example', role: 'admin', displayName: 'An Peeters' });
  });

  it('the directory stays the source of truth: a changed group changes the role at the next sign-in and ends older sessions', async () => {
    const before = await signInThroughDirectory(person({ groups: ['lifeline-admins'] }));
    const socket = liveClient(app.url, { cookie: `lifeline_session=${before.session}` });
    await socket.connected;
    const after = await signInThroughDirectory(person({ groups: ['lifeline-ops'] }));
    expect(await socket.disconnected).toBe('io server disconnect');
    const me = (await (await fetch(`${app.url}/api/auth/me`, { headers: { cookie: `lifeline_session=${after.session}` } })).json()) as { user: { role: string } };
    expect(me.user.role).toBe('operator');
    expect((await fetch(`${app.url}/api/auth/me`, { headers: { cookie: `lifeline_session=${before.session}` } })).status).toBe(401);
    const users = (await (await api(app.url, 'GET', '/api/users', { token: (await signIn(app.url, app.admin!)).token })).json()) as Array<{ email: string; signIn: string[] }>;
    expect(users.find((u) => u.email === 'an.peeters@uzgent.example')?.signIn).toEqual(['oidc']);
  });

  it('refuses someone whose groups map to no role, and an unverified e-mail that a local account owns', async () => {
    expect(new URL((await signInThroughDirectory(person({ sub: 'u-2', email: 'guest@uzgent.example', groups: ['staff'] }))).landed).search).toBe('?error=no-role');
    const clash = await signInThroughDirectory(person({ sub: 'u-3', email: app.admin!.email, email_verified: false, groups: ['lifeline-admins'] }));
    expect(new URL(clash.landed).search).toBe('?error=email-in-use');
    expect(clash.session).toBeUndefined();
  });

  it('a callback without its state cookie, or with a forged state, signs nobody in', async () => {
    const forged = await fetch(`${app.url}/api/auth/oidc/callback?code=abc&state=forged`, { redirect: 'manual' });
    expect(forged.headers.get('location')).toBe('/login?error=expired');
    expect(forged.headers.get('set-cookie') ?? '').not.toMatch(/lifeline_session=lls_/);
    const directoryError = await fetch(`${app.url}/api/auth/oidc/callback?error=access_denied`, { redirect: 'manual' });
    expect(directoryError.headers.get('location')).toBe('/login?error=directory-refused');
  });

  it('no token or client secret in the log', () => {
    expect(log.text).not.toContain(CLIENT.clientSecret);
    expect(log.text).not.toMatch(/lls_[\w-]{20,}/);
  });
});
