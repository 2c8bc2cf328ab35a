import { Inject, Injectable, Logger } from '@nestjs/common';
import * as oidc from 'openid-client';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { OidcConfig } from './auth-config.js';
import { AuthAudit } from './auth-audit.js';
import { roleFromClaims } from './oidc-role-map.js';
import { SessionsService, type IssuedSession } from './sessions.service.js';
import { UserRepository, type UserRow } from './user.repository.js';

/** What the browser keeps (in a signed, short-lived cookie) between leaving for the directory and coming back. */
export interface OidcPending {
  state: string;
  nonce: string;
  verifier: string;
}

/** A sign-in the directory allowed but Lifeline does not; `code` goes to the sign-in page. */
export class OidcRefused extends Error {
  constructor(
    readonly code: 'no-role' | 'no-email' | 'email-in-use' | 'disabled' | 'failed',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Sign-in through the hospital's directory (OpenID Connect, authorization code + PKCE, state
 * and nonce). The role comes from one claim (e.g. `groups`) through OIDC_ROLE_MAP at every
 * sign-in, so the directory stays the source of truth; a changed role ends older sessions.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger('OIDC');
  private discovered?: Promise<oidc.Configuration>;

  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionsService,
    private readonly audit: AuthAudit,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get settings(): OidcConfig | undefined {
    return this.config.auth.oidc;
  }

  /** The directory's authorization URL to send the browser to, and what to check on its return. */
  async begin(): Promise<{ url: string; pending: OidcPending }> {
    const settings = this.settings!;
    const client = await this.client();
    const pending: OidcPending = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier() };
    const url = oidc.buildAuthorizationUrl(client, {
      redirect_uri: settings.redirectUri,
      scope: settings.scopes,
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url: url.href, pending };
  }

  /** Exchanges the code, maps the claims to a role, and creates or updates the user; then a session. */
  async finish(query: Record<string, string>, pending: OidcPending): Promise<{ user: UserRow; session: IssuedSession }> {
    const settings = this.settings!;
    const client = await this.client();
    const callback = new URL(settings.redirectUri);
    for (const [k, v] of Object.entries(query)) callback.searchParams.set(k, v);
    let claims: Record<string, unknown>;
    try {
      const tokens = await oidc.authorizationCodeGrant(client, callback, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims()!;
      claims = { ...idClaims };
      if (claims[settings.roleClaim] === undefined || claims.email === undefined) {
        const info = await oidc.fetchUserInfo(client, tokens.access_token, idClaims.sub);
        claims = { ...info, ...claims, [settings.roleClaim]: claims[settings.roleClaim] ?? info[settings.roleClaim] };
      }
    } catch (err) {
      this.logger.warn(`sign-in through the directory failed: ${(err as Error).message}`);
      throw new OidcRefused('failed', 'the directory sign-in could not be completed');
    }
    const user = await this.upsert(claims, settings);
    return { user, session: await this.sessions.start(user) };
  }

  private async upsert(claims: Record<string, unknown>, settings: OidcConfig): Promise<UserRow> {
    const subject = String(claims.sub);
    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : undefined;
    const name = [claims.name, claims.preferred_username, email].find((v): v is string => typeof v === 'string' && v.trim() !== '')?.trim().slice(0, 100);
    const role = roleFromClaims(claims, settings.roleClaim, settings.roleMap);
    if (!role) throw new OidcRefused('no-role', `${email ?? subject}: no role for their ${settings.roleClaim}`);

    let user = await this.users.byOidcSubject(subject);
    if (!user) {
      if (!email) throw new OidcRefused('no-email', `${subject}: the directory sent no e-mail`);
      const byEmail = await this.users.byEmail(email);
      if (byEmail) {
        // Linking to an existing local account only on the directory's word that it owns the address.
        if (claims.email_verified !== true || byEmail.oidc_subject) throw new OidcRefused('email-in-use', `${email}: a local account has this e-mail`);
        user = (await this.users.update(byEmail.id, { oidcSubject: subject }, false))!;
        this.audit.record('user.linked-to-directory', email, 'oidc', {});
      } else {
        user = await this.users.insert({ email, displayName: name ?? email, role, passwordHash: null, oidcSubject: subject });
        if (!user) throw new OidcRefused('email-in-use', `${email}: taken meanwhile`);
        this.audit.record('user.created', email, 'oidc', { role });
        return user;
      }
    }
    if (user.disabled) throw new OidcRefused('disabled', `${user.email}: disabled in Lifeline`);
    if (user.role !== role) {
      const before = user.role;
      user = (await this.users.update(user.id, { role }, true))!;
      await this.sessions.cutUser(user.id);
      this.audit.record('user.updated', user.email, 'oidc', { role, was: before });
    }
    return user;
  }

  private client(): Promise<oidc.Configuration> {
    const s = this.settings!;
    const issuer = new URL(s.issuer);
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
    this.discovered ??= oidc
      .discovery(issuer, s.clientId, undefined, s.clientSecret ? oidc.ClientSecretPost(s.clientSecret) : oidc.None(), {
        timeout: 10,
        // Plain http only to a directory on this machine (tests, a local proxy); config refuses it otherwise.
        ...(issuer.protocol === 'http:' && loopback ? { execute: [oidc.allowInsecureRequests] } : {}),
      })
      .catch((err: unknown) => {
        this.discovered = undefined;
        this.logger.warn(`cannot read the directory's configuration at ${s.issuer}: ${(err as Error).message}`);
        throw new OidcRefused('failed', 'the directory cannot be reached');
      });
    return this.discovered;
  }
}
