import { Body, Controller, ForbiddenException, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { parseWith } from '../common/parse-query.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Access } from './access.decorator.js';
import { clearCookieOptions, cookieOptions, KIOSK_COOKIE, SESSION_COOKIE } from './auth-cookies.js';
import { loginBody, logoutBody, noQuery, passwordChangeBody, setupBody } from './auth-schemas.js';
import { CurrentPrincipal } from './current-principal.decorator.js';
import { FirstAdminService } from './first-admin.service.js';
import type { Principal } from './principal.js';
import { SessionsService, type IssuedSession } from './sessions.service.js';
import type { UserRow } from './user.repository.js';
import { UsersService } from './users.service.js';
import { toUserView } from './user-view.js';

/** Sign-in with a password, sign-out, who am I, own password, and the first-admin setup. */
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
    private readonly firstAdmin: FirstAdminService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** What the sign-in page should offer. */
  @Get('options')
  @Access('public')
  async options(@Query() query: unknown) {
    parseWith(noQuery, query);
    return { password: true, oidc: !!this.config.auth.oidc, setupPending: await this.firstAdmin.setupPending, demoOpenView: this.config.auth.demoOpenView };
  }

  /** Sets the session cookie for the browser and returns the same token for API clients (Bearer). */
  @Post('login')
  @HttpCode(200)
  @Access('public')
  async login(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    this.sessions.limitIp(req.ip ?? 'unknown');
    const b = parseWith(loginBody, body ?? {});
    const { session, user } = await this.sessions.login(b.email, b.password, req.ip ?? 'unknown');
    return this.signedIn(req, res, session, user);
  }

  @Post('logout')
  @HttpCode(204)
  @Access('public')
  async logout(@Body() body: unknown, @CurrentPrincipal() p: Principal | undefined, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const b = parseWith(logoutBody, body ?? {});
    if (p?.kind === 'user') await this.sessions.logout(p, b.everywhere === true);
    res.clearCookie(SESSION_COOKIE, clearCookieOptions(req, this.config.auth));
    res.clearCookie(KIOSK_COOKIE, clearCookieOptions(req, this.config.auth));
  }

  @Get('me')
  @Access('viewer')
  me(@Query() query: unknown, @CurrentPrincipal() p: Principal) {
    parseWith(noQuery, query);
    switch (p.kind) {
      case 'user':
        return { kind: 'user', role: p.role, user: { id: p.userId, email: p.email, displayName: p.displayName, role: p.role }, expiresAt: new Date(p.sessionExpiresAt).toISOString() };
      case 'kiosk':
        return { kind: 'kiosk', role: p.role, name: p.name };
      default:
        return { kind: 'anonymous', role: 'viewer', demo: true };
    }
  }

  /** Changes one's own password; every other session of the person ends, this one stays. */
  @Post('password')
  @HttpCode(204)
  @Access('viewer')
  async changePassword(@Body() body: unknown, @CurrentPrincipal() p: Principal, @Req() req: Request): Promise<void> {
    if (p.kind !== 'user') throw new ForbiddenException('only a signed-in person has a password to change');
    this.sessions.limitIp(req.ip ?? 'unknown');
    const b = parseWith(passwordChangeBody, body ?? {});
    await this.users.changeOwnPassword(p, b.currentPassword, b.newPassword);
  }

  /** Creates the first admin with the one-time token of the setup link printed at start. */
  @Post('setup')
  @HttpCode(201)
  @Access('public')
  async setup(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    this.sessions.limitIp(req.ip ?? 'unknown');
    const b = parseWith(setupBody, body ?? {});
    const { session, user } = await this.firstAdmin.completeSetup(b.token, b.email, b.password, b.displayName);
    return this.signedIn(req, res, session, user);
  }

  private signedIn(req: Request, res: Response, session: IssuedSession, user: UserRow) {
    res.cookie(SESSION_COOKIE, session.token, cookieOptions(req, this.config.auth, session.expiresAt.getTime() - Date.now()));
    return { token: session.token, expiresAt: session.expiresAt.toISOString(), user: toUserView(user) };
  }
}
