import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { KIOSK_COOKIE, SESSION_COOKIE } from './auth-cookies.js';
import type { Credentials } from './credentials.js';
import { KioskTokensService } from './kiosk-tokens.service.js';
import type { Principal } from './principal.js';
import { looksLike, sameSecret, TOKEN_PREFIX } from './secret-token.js';
import { SessionsService } from './sessions.service.js';

export interface Authentication {
  /** Who this is; undefined when nobody (or nobody valid). */
  principal?: Principal;
  /** Credentials were presented but none was good (unknown, expired or revoked). */
  rejected: boolean;
  /** Cookies that hold ended credentials: the caller clears them. */
  staleCookies: string[];
}

/**
 * Turns presented credentials into a principal; one path for HTTP and the live socket.
 * An explicit Bearer token is the only one considered when present. Otherwise the session
 * cookie, then a kiosk token, are tried in turn. With none at all, the demo's open view
 * makes the visitor an anonymous viewer.
 */
@Injectable()
export class AuthenticatorService {
  constructor(
    private readonly sessions: SessionsService,
    private readonly kiosks: KioskTokensService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async authenticate(c: Credentials): Promise<Authentication> {
    if (c.bearer !== undefined) {
      const principal = await this.bearer(c.bearer);
      return { principal, rejected: !principal, staleCookies: [] };
    }
    const stale: string[] = [];
    let presented = false;
    if (c.sessionCookie !== undefined) {
      presented = true;
      const p = looksLike(TOKEN_PREFIX.session, c.sessionCookie) ? await this.sessions.resolve(c.sessionCookie) : undefined;
      if (p) return { principal: p, rejected: false, staleCookies: [] };
      stale.push(SESSION_COOKIE);
    }
    for (const [token, cookie] of [
      [c.kiosk, undefined],
      [c.kioskCookie, KIOSK_COOKIE],
    ] as const) {
      if (token === undefined) continue;
      presented = true;
      const p = looksLike(TOKEN_PREFIX.kiosk, token) ? await this.kiosks.resolve(token) : undefined;
      if (p) return { principal: p, rejected: false, staleCookies: stale };
      if (cookie) stale.push(cookie);
    }
    if (presented) return { rejected: true, staleCookies: stale };
    return { principal: this.config.auth.demoOpenView ? { kind: 'anonymous', role: 'viewer' } : undefined, rejected: false, staleCookies: [] };
  }

  private async bearer(token: string): Promise<Principal | undefined> {
    if (looksLike(TOKEN_PREFIX.session, token)) return this.sessions.resolve(token);
    if (looksLike(TOKEN_PREFIX.kiosk, token)) return this.kiosks.resolve(token);
    const metrics = this.config.auth.metricsToken;
    if (metrics && sameSecret(token, metrics)) return { kind: 'metrics' };
    return undefined;
  }
}
