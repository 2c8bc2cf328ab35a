import type { NextFunction, Request, Response } from 'express';
import type { AuthConfig } from './auth-config.js';
import { clearCookieOptions, cookieOptions, KIOSK_COOKIE, KIOSK_COOKIE_MAX_AGE_MS } from './auth-cookies.js';
import type { KioskTokensService } from './kiosk-tokens.service.js';
import { looksLike, TOKEN_PREFIX } from './secret-token.js';

/**
 * `GET /wall?kiosk=<token>`: a wall screen's bookmark. A good token becomes an httpOnly kiosk
 * cookie and the browser is sent on to `/wall`, so the token leaves the address bar (and any
 * history or referrer). `?kiosk=1`, the frontend's display flag, is not a token and passes by.
 */
export function kioskEntry(kiosks: KioskTokensService, config: AuthConfig) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'GET' || !/^\/wall\/?$/.test(req.path)) return next();
    const token = (req.query as Record<string, unknown>).kiosk;
    if (!looksLike(TOKEN_PREFIX.kiosk, token)) return next();
    res.setHeader('Cache-Control', 'no-store');
    kiosks.resolve(token).then(
      (p) => {
        if (!p) {
          res.clearCookie(KIOSK_COOKIE, clearCookieOptions(req, config));
          res.redirect(302, '/login?error=kiosk-token');
          return;
        }
        res.cookie(KIOSK_COOKIE, token, cookieOptions(req, config, KIOSK_COOKIE_MAX_AGE_MS));
        res.redirect(302, '/wall');
      },
      (err: unknown) => next(err),
    );
  };
}
