/**
 * Whether a browser's Origin may talk to us: our own origin (the Host the request came to, or
 * PUBLIC_URL), or one listed in ALLOWED_ORIGINS. No Origin at all is a non-browser client
 * (curl, a socket.io client in Node): browsers always send it on cross-origin requests and
 * WebSocket handshakes, so its absence cannot be another site's page.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: readonly string[], publicUrl?: string): boolean {
  if (origin === undefined || origin === '') return true;
  let o: URL;
  try {
    o = new URL(origin);
  } catch {
    return false;
  }
  if (o.protocol !== 'http:' && o.protocol !== 'https:') return false;
  if (allowed.includes(o.origin) || o.origin === publicUrl) return true;
  return host !== undefined && o.host === host.toLowerCase();
}

/** Listed in ALLOWED_ORIGINS (a CORS peer), as opposed to merely our own origin. */
export function originListed(origin: string | undefined, allowed: readonly string[]): boolean {
  if (!origin) return false;
  try {
    return allowed.includes(new URL(origin).origin);
  } catch {
    return false;
  }
}
