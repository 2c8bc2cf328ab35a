import { Global, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { AccessGuard } from './access.guard.js';
import { AuthAudit } from './auth-audit.js';
import { AuthController } from './auth.controller.js';
import { AuthEventsService } from './auth-events.service.js';
import { AuthenticatorService } from './authenticator.service.js';
import { FirstAdminService } from './first-admin.service.js';
import { KioskTokenRepository } from './kiosk-token.repository.js';
import { KioskTokensController } from './kiosk-tokens.controller.js';
import { KioskTokensService } from './kiosk-tokens.service.js';
import { OidcController } from './oidc.controller.js';
import { OidcService } from './oidc.service.js';
import { RouteInventory } from './route-inventory.js';
import { SessionRepository } from './session.repository.js';
import { SessionsService } from './sessions.service.js';
import { SetupTokenRepository } from './setup-token.repository.js';
import { UserRepository } from './user.repository.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

/**
 * Sign-in and access: users and roles, sessions, kiosk tokens, the first admin, OIDC, and the
 * global guard every route passes. The live gateway uses the authenticator and the revocations.
 */
@Global()
@Module({
  imports: [DiscoveryModule],
  controllers: [AuthController, UsersController, KioskTokensController, OidcController],
  providers: [
    UserRepository,
    SessionRepository,
    KioskTokenRepository,
    SetupTokenRepository,
    AuthEventsService,
    AuthAudit,
    SessionsService,
    UsersService,
    KioskTokensService,
    FirstAdminService,
    OidcService,
    AuthenticatorService,
    RouteInventory,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AuthenticatorService, AuthEventsService, KioskTokensService, FirstAdminService, RouteInventory, AuthAudit],
})
export class AuthModule {}
