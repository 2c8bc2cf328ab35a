import { Logger } from '@nestjs/common';
import type { Socket } from 'socket.io';
import type { AuthConfig } from './auth-config.js';
import type { AuthenticatorService } from './authenticator.service.js';
import { credentialsFrom, parseCookieHeader } from './credentials.js';
import { originAllowed } from './origin-policy.js';
import type { Principal } from './principal.js';

/** What the client sees as `connect_error`: a message and a status. */
function refusal(message: string, statusCode: 401 | 403): Error & { data: { statusCode: number } } {
  return Object.assign(new Error(message), { data: { statusCode } });
}

export function principalOf(socket: Socket): Principal {
  return (socket.data as { principal: Principal }).principal;
}

/**
 * The `/live` handshake check (namespace middleware): the Origin must be ours or allowed, and
 * the client must authenticate — session cookie, `auth.token` (Bearer), or a kiosk token
 * (`?kiosk=`, `auth.kiosk`, or the kiosk cookie) — or be the demo's anonymous viewer.
 */
export function liveHandshake(authenticator: AuthenticatorService, config: AuthConfig) {
  const logger = new Logger('Live');
  return (socket: Socket, next: (err?: Error) => void): void => {
    const h = socket.handshake;
    const origin = h.headers.origin;
    if (!originAllowed(origin, h.headers.host, config.allowedOrigins, config.publicUrl)) {
      logger.warn(`refused a live connection from origin ${JSON.stringify(origin).slice(0, 100)}`);
      next(refusal('origin not allowed', 403));
      return;
    }
    const auth = (h.auth ?? {}) as Record<string, unknown>;
    const credentials = credentialsFrom(h.headers, parseCookieHeader(h.headers.cookie), { kiosk: h.query.kiosk ?? auth.kiosk, token: auth.token });
    authenticator.authenticate(credentials).then(
      (result) => {
        if (!result.principal || result.principal.kind === 'metrics') {
          next(refusal(result.rejected ? 'your session or token has ended: sign in again' : 'sign in required', 401));
          return;
        }
        (socket.data as { principal: Principal }).principal = result.principal;
        next();
      },
      (err: unknown) => {
        logger.error(`live handshake failed: ${(err as Error).message}`);
        next(refusal('could not check credentials', 401));
      },
    );
  };
}
