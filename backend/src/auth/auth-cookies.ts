import type { CookieOptions, Request } from 'express';
import type { AuthConfig } from './auth-config.js';

export const SESSION_COOKIE = 'lifeline_session';
export const KIOSK_COOKIE = 'lifeline_kiosk';
export const OIDC_STATE_COOKIE = 'lifeline_oidc';

/** A kiosk token lasts until revoked; the cookie as long as browsers allow (400 days). */
export const KIOSK_COOKIE_MAX_AGE_MS = 400 * 86_400_000;

/**
 * httpOnly (scripts cannot read it), SameSite=Strict (never sent by another site's page),
 * Secure on https requests or always with COOKIE_SECURE=1, Path=/.
 */
export function cookieOptions(req: Request, config: AuthConfig, maxAgeMs: number, sameSite: 'strict' | 'lax' = 'strict', path = '/'): CookieOptions {
  return { httpOnly: true, sameSite, secure: config.cookieSecure || req.secure, path, maxAge: maxAgeMs };
}

export function clearCookieOptions(req: Request, config: AuthConfig, sameSite: 'strict' | 'lax' = 'strict', path = '/'): CookieOptions {
  return { httpOnly: true, sameSite, secure: config.cookieSecure || req.secure, path };
}
