import { HttpException, HttpStatus, Inject, Injectable, Logger, UnauthorizedException, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AuthEventsService } from './auth-events.service.js';
import { LastKnownCredentials } from './last-known-credentials.js';
import { LoginLimiter } from './login-limiter.js';
import { verifyAgainstNothing, verifyPassword } from './password.js';
import type { UserPrincipal } from './principal.js';
import { newToken, sha256Hex, TOKEN_PREFIX } from './secret-token.js';
import { SessionRepository } from './session.repository.js';
import { UserRepository, type UserRow } from './user.repository.js';

export interface IssuedSession {
  token: string;
  sessionId: string;
  expiresAt: Date;
}

/** A 429 with Retry-After (whole seconds), in the API's JSON shape. */
export class TooManyAttempts extends HttpException {
  /** Sent as response headers by the exception filter. */
  readonly headers: Record<string, string>;

  constructor(message: string, retryAfterMs: number) {
    super({ statusCode: 429, message }, HttpStatus.TOO_MANY_REQUESTS);
    this.headers = { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) };
  }
}

const WRONG = 'wrong e-mail or password';

/**
 * Sign-in with a password, and sessions: an opaque random token for the client (cookie or
 * Bearer), its sha256 in the database. Wrong passwords count per account (locked for a while
 * after too many in a row, in the database) and per client IP (a burst limit, in memory).
 */
@Injectable()
export class SessionsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');
  private readonly perIp: LoginLimiter;
  private readonly lastKnown = new LastKnownCredentials<UserPrincipal>();

  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly events: AuthEventsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.perIp = new LoginLimiter(config.auth.loginPerMinute, 60_000);
    events.revocations.subscribe((r) => this.lastKnown.revoked(r));
  }

  /** Sessions that ended more than a day ago are forgotten at start. */
  async onApplicationBootstrap(): Promise<void> {
    await this.sessions.prune();
  }

  /** Counts one sign-in attempt from this IP; throws 429 beyond the burst limit. */
  limitIp(ip: string): void {
    const wait = this.perIp.hit(ip);
    if (wait > 0) throw new TooManyAttempts('too many sign-in attempts from this address; try again later', wait);
  }

  /** Checks the password (the caller has counted the attempt with `limitIp`). */
  async login(email: string, password: string, ip: string): Promise<{ session: IssuedSession; user: UserRow }> {
    const user = await this.users.byEmail(email);
    if (!user || !user.password_hash || user.disabled) {
      await verifyAgainstNothing(password);
      this.logger.warn(`sign-in refused for ${email.toLowerCase()} from ${ip}: ${!user ? 'no such user' : user.disabled ? 'disabled' : 'no password (directory sign-in only)'}`);
      throw new UnauthorizedException(WRONG);
    }
    const now = Date.now();
    if (user.locked_until && user.locked_until.getTime() > now) {
      throw new TooManyAttempts('this account is locked after too many wrong passwords; try again later', user.locked_until.getTime() - now);
    }
    if (!(await verifyPassword(user.password_hash, password))) {
      const after = await this.users.recordFailure(user.id, this.config.auth.lockoutAfter, new Date(now + this.config.auth.lockoutMs));
      this.logger.warn(`wrong password for ${user.email} from ${ip} (${after.failed_logins} in a row)`);
      if (after.locked_until && after.locked_until.getTime() > now) {
        this.logger.warn(`${user.email} locked until ${after.locked_until.toISOString()}`);
        throw new TooManyAttempts('this account is locked after too many wrong passwords; try again later', after.locked_until.getTime() - now);
      }
      throw new UnauthorizedException(WRONG);
    }
    await this.users.recordSuccess(user.id);
    const session = await this.start(user);
    this.logger.log(`${user.email} signed in from ${ip}`);
    return { session, user };
  }

  /** A new session for a user already proven to be who they are (password, setup link, OIDC). */
  async start(user: UserRow): Promise<IssuedSession> {
    const token = newToken(TOKEN_PREFIX.session);
    const sessionId = sha256Hex(token);
    const expiresAt = new Date(Date.now() + this.config.auth.sessionTtlMs);
    await this.sessions.create(sessionId, user.id, user.token_version, expiresAt);
    return { token, sessionId, expiresAt };
  }

  /**
   * The principal behind a session token, or undefined when it is unknown or has ended. With
   * the database out of reach, a session verified before still counts until it expires.
   */
  async resolve(token: string): Promise<UserPrincipal | undefined> {
    const hash = sha256Hex(token);
    return this.lastKnown.resolve(hash, async () => {
      const s = await this.sessions.active(hash);
      if (!s) return undefined;
      return {
        kind: 'user',
        role: s.role,
        userId: s.user_id,
        email: s.email,
        displayName: s.display_name,
        sessionId: s.session_id,
        sessionExpiresAt: s.expires_at.getTime(),
      };
    });
  }

  /** Ends this session, or with `everywhere` every session of the user; their sockets are cut. */
  async logout(p: UserPrincipal, everywhere = false): Promise<void> {
    if (everywhere) {
      await this.users.update(p.userId, {}, true);
      await this.sessions.revokeAllOf(p.userId);
      this.events.revoke({ kind: 'user', userId: p.userId });
    } else {
      await this.sessions.revoke(p.sessionId);
      this.events.revoke({ kind: 'session', sessionId: p.sessionId });
    }
    this.logger.log(`${p.email} signed out${everywhere ? ' everywhere' : ''}`);
  }

  /** After a password, role or status change: every session of the user ends but `keep`. */
  async cutUser(userId: string, keep?: string): Promise<void> {
    await this.sessions.revokeAllOf(userId, keep);
    this.events.revoke({ kind: 'user', userId, ...(keep ? { exceptSessionId: keep } : {}) });
  }
}
