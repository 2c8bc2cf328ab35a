import { LIVE_NAMESPACE, type Snapshot } from '@lifeline/shared';
import { io, type Socket } from 'socket.io-client';

export type Role = 'viewer' | 'operator' | 'admin';

export interface Signed {
  token: string;
  /** `lifeline_session=…`, to send as a Cookie header. */
  cookie: string;
  setCookie: string;
  user: { id: string; email: string; role: Role; displayName: string };
}

/** `Authorization: Bearer …` (and JSON) headers for a token. */
export function bearer(token: string | undefined, extra: Record<string, string> = {}): Record<string, string> {
  return { ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra };
}

export async function api(baseUrl: string, method: string, path: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method,
    headers: bearer(opts.token, { ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...opts.headers }),
    body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
    redirect: 'manual',
  });
}

/** Signs in; `headers` e.g. an X-Forwarded-For, when a test keeps rate limits apart behind TRUST_PROXY. */
export async function signIn(baseUrl: string, who: { email: string; password: string }, headers: Record<string, string> = {}): Promise<Signed> {
  const res = await api(baseUrl, 'POST', '/api/auth/login', { body: { email: who.email, password: who.password }, headers });
  if (res.status !== 200) throw new Error(`sign-in of ${who.email} answered ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { token: string; user: Signed['user'] };
  const setCookie = res.headers.get('set-cookie') ?? '';
  return { token: body.token, user: body.user, setCookie, cookie: setCookie.split(';')[0] };
}

/** Creates a person with a role (as the admin) and signs them in. */
export async function userWithRole(
  baseUrl: string,
  adminToken: string,
  role: Role,
  email = `${role}-${Math.random().toString(36).slice(2, 8)}@lifeline.test`,
  headers: Record<string, string> = {},
): Promise<Signed & { password: string }> {
  const password = `${role}-password-long-enough`;
  const res = await api(baseUrl, 'POST', '/api/users', { token: adminToken, body: { email, displayName: `${role[0].toUpperCase()}${role.slice(1)} Person`, role, password } });
  if (res.status !== 201) throw new Error(`creating ${email} answered ${res.status}: ${await res.text()}`);
  return { ...(await signIn(baseUrl, { email, password }, headers)), password };
}

export async function kioskToken(baseUrl: string, adminToken: string, name = 'Wall screen'): Promise<{ id: string; token: string; url: string }> {
  const res = await api(baseUrl, 'POST', '/api/kiosk-tokens', { token: adminToken, body: { name } });
  if (res.status !== 201) throw new Error(`creating a kiosk token answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { id: string; token: string; url: string };
}

export interface LiveClient {
  socket: Socket;
  /** Resolves with the first snapshot, or rejects with the connect_error. */
  connected: Promise<Snapshot>;
  events: Array<{ name: string; payload: unknown }>;
  /** Resolves with the disconnect reason. */
  disconnected: Promise<string>;
  close(): void;
}

/** A `/live` client with the given handshake (auth token, kiosk query, cookie, Origin). */
export function liveClient(baseUrl: string, opts: { token?: string; kiosk?: string; cookie?: string; origin?: string } = {}): LiveClient {
  const extraHeaders = { ...(opts.cookie ? { cookie: opts.cookie } : {}), ...(opts.origin ? { origin: opts.origin } : {}) };
  const socket = io(`${baseUrl}${LIVE_NAMESPACE}`, {
    transports: ['websocket'],
    reconnection: false,
    auth: opts.token ? { token: opts.token } : {},
    query: opts.kiosk ? { kiosk: opts.kiosk } : {},
    extraHeaders,
  });
  const events: LiveClient['events'] = [];
  socket.onAny((name: string, payload: unknown) => events.push({ name, payload }));
  const connected = new Promise<Snapshot>((resolve, reject) => {
    socket.once('snapshot', resolve);
    socket.once('connect_error', reject);
  });
  connected.catch(() => undefined);
  const disconnected = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
  return { socket, connected, events, disconnected, close: () => socket.close() };
}
