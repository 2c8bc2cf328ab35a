import { Controller, Get, Inject, Logger, NotFoundException, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { parseWith } from '../common/parse-query.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Access } from './access.decorator.js';
import { clearCookieOptions, cookieOptions, OIDC_STATE_COOKIE, SESSION_COOKIE } from './auth-cookies.js';
import { noQuery, oidcCallbackQuery } from './auth-schemas.js';
import { OidcRefused, OidcService, type OidcPending } from './oidc.service.js';

const PENDING_MS = 10 * 60_000;
const COOKIE_PATH = '/api/auth/oidc';
const pendingSchema = z.strictObject({ state: z.string(), nonce: z.string(), verifier: z.string() });

/**
 * Browser redirects of directory sign-in. The state cookie is signed and SameSite=Lax: it must
 * come back on the directory's top-level redirect to the callback.
 */
@Controller('api/auth/oidc')
export class OidcController {
  private readonly logger = new Logger('OIDC');

  constructor(
    private readonly oidc: OidcService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('login')
  @Access('public')
  async login(@Query() query: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!this.oidc.settings) throw new NotFoundException('directory sign-in (OIDC) is not configured');
    parseWith(noQuery, query);
    try {
      const { url, pending } = await this.oidc.begin();
      res.cookie(OIDC_STATE_COOKIE, pending, { ...cookieOptions(req, this.config.auth, PENDING_MS, 'lax', COOKIE_PATH), signed: true });
      res.redirect(302, url);
    } catch (err) {
      res.redirect(302, `/login?error=${err instanceof OidcRefused ? err.code : 'failed'}`);
    }
  }

  @Get('callback')
  @Access('public')
  async callback(@Query() query: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!this.oidc.settings) throw new NotFoundException('directory sign-in (OIDC) is not configured');
    const q = parseWith(oidcCallbackQuery, query);
    const pending = pendingSchema.safeParse((req.signedCookies as Record<string, unknown> | undefined)?.[OIDC_STATE_COOKIE]);
    res.clearCookie(OIDC_STATE_COOKIE, clearCookieOptions(req, this.config.auth, 'lax', COOKIE_PATH));
    if (q.error || !pending.success) {
      res.redirect(302, `/login?error=${q.error ? 'directory-refused' : 'expired'}`);
      return;
    }
    try {
      const params = Object.fromEntries(Object.entries(q).filter((e): e is [string, string] => typeof e[1] === 'string'));
      const { session } = await this.oidc.finish(params, pending.data as OidcPending);
      res.cookie(SESSION_COOKIE, session.token, cookieOptions(req, this.config.auth, session.expiresAt.getTime() - Date.now()));
      res.redirect(302, '/');
    } catch (err) {
      this.logger.warn(`directory sign-in refused: ${(err as Error).message}`);
      res.redirect(302, `/login?error=${err instanceof OidcRefused ? err.code : 'failed'}`);
    }
  }
}
