import { ForbiddenException, Inject, Injectable, InternalServerErrorException, Logger, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ACCESS_KEY } from './access.decorator.js';
import { isOpen, permits } from './access-rule.js';
import { clearCookieOptions } from './auth-cookies.js';
import { AuthenticatorService } from './authenticator.service.js';
import { credentialsFrom } from './credentials.js';
import type { AuthedRequest } from './current-principal.decorator.js';
import type { AccessLevel } from './roles.js';

/**
 * The global guard. Every route declares `@Access(...)`; a route without one is refused
 * (fail closed). The principal it finds is left on the request for `@CurrentPrincipal()`.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('Access');

  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: AuthenticatorService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    // Live sockets are authorised once, in the handshake middleware of the gateway.
    if (ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const res = ctx.switchToHttp().getResponse<Response>();
    const level = this.reflector.getAllAndOverride<AccessLevel | undefined>(ACCESS_KEY, [ctx.getHandler(), ctx.getClass()]);
    if (!level) {
      this.logger.error(`${req.method} ${req.route?.path ?? req.path} has no @Access rule: refused`);
      throw new InternalServerErrorException('this route declares no access rule');
    }
    const auth = await this.authenticator.authenticate(credentialsFrom(req.headers, req.cookies ?? {}));
    for (const name of auth.staleCookies) res.clearCookie(name, clearCookieOptions(req, this.config.auth));
    req.principal = auth.principal;
    if (isOpen(level)) return true;
    if (auth.rejected) throw new UnauthorizedException('your session or token has ended: sign in again');
    // The demo's anonymous viewer is asked to sign in, not told it lacks a role.
    if (!auth.principal || (auth.principal.kind === 'anonymous' && !permits(level, auth.principal))) throw new UnauthorizedException('sign in required');
    if (!permits(level, auth.principal)) throw new ForbiddenException(level === 'metrics' ? 'needs the admin role or the metrics token' : `needs the ${level} role`);
    return true;
  }
}
