import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '../config/app-config.js';
import { kioskEntry } from './kiosk-entry.middleware.js';
import { KioskTokensService } from './kiosk-tokens.service.js';
import { originAllowed, originListed } from './origin-policy.js';

/** The Content-Security-Policy of every answer, the built frontend included: no inline script or style. */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'", 'ws:', 'wss:'],
  'font-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
};

export const BODY_LIMIT = '100kb';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const CORS_HEADERS = 'Content-Type, Authorization, X-Kiosk-Token';

/**
 * CORS, closed unless ALLOWED_ORIGINS lists the origin: a listed origin gets the CORS headers
 * (with credentials); a preflight from any other origin is refused with 403, and so is a
 * state-changing request carrying a foreign Origin (cross-site request forgery, on top of
 * SameSite=Strict cookies).
 */
function corsGate(config: AppConfig) {
  const { allowedOrigins, publicUrl } = config.auth;
  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.headers.origin;
    if (!origin) return next();
    const listed = originListed(origin, allowedOrigins);
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    if (listed) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.vary('Origin');
      if (preflight) {
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PATCH, DELETE');
        res.setHeader('Access-Control-Allow-Headers', CORS_HEADERS);
        res.setHeader('Access-Control-Max-Age', '600');
        res.status(204).end();
        return;
      }
      return next();
    }
    if (preflight || (!SAFE_METHODS.has(req.method) && !originAllowed(origin, req.headers.host, [], publicUrl))) {
      res.status(403).json({ statusCode: 403, message: 'origin not allowed' });
      return;
    }
    next();
  };
}

/** A body too large, or not parseable, as the API's JSON error (Express would answer in HTML). */
function bodyErrors(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  const e = err as { type?: string; status?: number; statusCode?: number; limit?: number };
  const status = e?.status ?? e?.statusCode;
  if (!e?.type || typeof status !== 'number' || status < 400 || status >= 500) return next(err);
  const message =
    e.type === 'entity.too.large'
      ? `request body too large (limit ${BODY_LIMIT})`
      : e.type === 'entity.parse.failed'
        ? 'request body is not valid JSON'
        : 'request body could not be read';
  res.status(status).json({ statusCode: status, message });
}

/**
 * Everything every request passes through before a route: security headers (helmet, with a
 * strict CSP), CORS and Origin checks, cookie parsing, body size limits, and the kiosk entry
 * URL. Call before `listen`.
 */
export function applyHttpSecurity(app: NestExpressApplication, config: AppConfig): void {
  const { auth } = config;
  if (auth.trustProxy) app.set('trust proxy', /^\d+$/.test(auth.trustProxy) ? Number(auth.trustProxy) : auth.trustProxy === 'true' ? true : auth.trustProxy);
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
      // Plain-http hospital networks exist: do not force https on subresources.
      strictTransportSecurity: { maxAge: 15_552_000, includeSubDomains: false },
    }),
  );
  app.use(corsGate(config));
  app.use(cookieParser(auth.cookieSecret));
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: false });
  app.use(bodyErrors);
  app.use(kioskEntry(app.get(KioskTokensService), auth));
}
