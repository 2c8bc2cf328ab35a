import type { IncomingHttpHeaders } from 'node:http';
import { KIOSK_COOKIE, SESSION_COOKIE } from './auth-cookies.js';

/** What a request or socket handshake presents to prove who it is. */
export interface Credentials {
  /** `Authorization: Bearer …`: a session token, a kiosk token or the metrics token. */
  bearer?: string;
  sessionCookie?: string;
  kioskCookie?: string;
  /** A kiosk token given explicitly: `X-Kiosk-Token` header, or `?kiosk=` / `auth.kiosk` on the socket handshake. */
  kiosk?: string;
}

/** The name=value pairs of a Cookie header (sockets do not go through Express' cookie parser). */
export function parseCookieHeader(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      out[name] ??= decodeURIComponent(value);
    } catch {
      out[name] ??= value;
    }
  }
  return out;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

export function credentialsFrom(headers: IncomingHttpHeaders, cookies: Record<string, unknown>, extra: { kiosk?: unknown; token?: unknown } = {}): Credentials {
  const auth = str(headers.authorization);
  const bearer = auth && /^Bearer\s+/i.test(auth) ? auth.replace(/^Bearer\s+/i, '').trim() : (str(extra.token) ?? undefined);
  return {
    bearer: bearer || undefined,
    sessionCookie: str(cookies[SESSION_COOKIE]),
    kioskCookie: str(cookies[KIOSK_COOKIE]),
    kiosk: str(headers['x-kiosk-token']) ?? str(extra.kiosk),
  };
}
