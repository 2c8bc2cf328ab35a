import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Prefixes tell the kind of a token at a glance (and let `?kiosk=1` stay a mere display flag). */
export const TOKEN_PREFIX = { session: 'lls_', kiosk: 'llk_', setup: 'llsetup_' } as const;

/** A new opaque token: the prefix and 32 random bytes. Only its hash is ever stored. */
export function newToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Compares two secrets without leaking, through timing, how much of them matched. */
export function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/** Looks like a token of that kind (right prefix, sane length and alphabet): worth a database lookup. */
export function looksLike(prefix: string, value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(prefix) && value.length <= 128 && /^[A-Za-z0-9_-]+$/.test(value);
}
