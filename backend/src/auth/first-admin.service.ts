import { ConflictException, Inject, Injectable, Logger, UnauthorizedException, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AuthAudit } from './auth-audit.js';
import { hashPassword, verifyPassword } from './password.js';
import { looksLike, newToken, sha256Hex, TOKEN_PREFIX } from './secret-token.js';
import { SessionsService } from './sessions.service.js';
import { SetupTokenRepository } from './setup-token.repository.js';
import { UserRepository, type UserRow } from './user.repository.js';

const SETUP_TTL_MS = 24 * 3_600_000;

/**
 * The first admin, never with a default password: from ADMIN_EMAIL / ADMIN_PASSWORD (created,
 * or its password and role restored, at every start), or else — while no enabled admin
 * exists — through a one-time setup link printed at start (24 h, single use; a restart
 * prints a new one and retires the old).
 */
@Injectable()
export class FirstAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');
  private pendingToken?: string;

  constructor(
    private readonly users: UserRepository,
    private readonly setupTokens: SetupTokenRepository,
    private readonly sessions: SessionsService,
    private readonly audit: AuthAudit,
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { adminEmail, adminPassword } = this.config.auth;
    if (adminEmail && adminPassword) {
      await this.ensureAdmin(adminEmail, adminPassword);
      await this.setupTokens.retireAll();
      return;
    }
    if ((await this.users.countEnabledAdmins()) > 0) {
      await this.setupTokens.retireAll();
      return;
    }
    const token = newToken(TOKEN_PREFIX.setup);
    await this.setupTokens.replace(sha256Hex(token), new Date(Date.now() + SETUP_TTL_MS));
    this.pendingToken = token;
  }

  /** The setup link to print once the server listens (and forget): undefined when an admin exists. */
  takeSetupLink(baseUrl: string): string | undefined {
    const token = this.pendingToken;
    this.pendingToken = undefined;
    return token ? `${this.config.auth.publicUrl ?? baseUrl}/setup?token=${token}` : undefined;
  }

  get setupPending(): Promise<boolean> {
    return this.users.countEnabledAdmins().then((n) => n === 0);
  }

  /** Creates the first admin from the setup link's token, and signs them in. */
  async completeSetup(token: string, email: string, password: string, displayName: string) {
    const hash = looksLike(TOKEN_PREFIX.setup, token) ? sha256Hex(token) : undefined;
    const passwordHash = await hashPassword(password);
    const user = await this.db.transaction(async (m) => {
      // One admin at a time: the lock makes "no admin yet" and the insert one step.
      await m.query(`LOCK TABLE "app_user" IN SHARE ROW EXCLUSIVE MODE`);
      if (!hash || !(await this.setupTokens.consume(hash, m))) throw new UnauthorizedException('this setup link is unknown, used or expired: restart Lifeline for a new one');
      const [{ n }]: Array<{ n: string }> = await m.query(`SELECT count(*) AS n FROM "app_user" WHERE "role" = 'admin' AND NOT "disabled"`);
      if (Number(n) > 0) throw new ConflictException('an admin exists already');
      const rows: UserRow[] = await m.query(
        `INSERT INTO "app_user" ("email", "display_name", "role", "password_hash") VALUES ($1, $2, 'admin', $3)
         ON CONFLICT ("email") DO UPDATE SET "role" = 'admin', "password_hash" = $3, "disabled" = false, "display_name" = $2, "token_version" = "app_user"."token_version" + 1
         RETURNING *`,
        [email.toLowerCase(), displayName, passwordHash],
      );
      return rows[0];
    });
    this.audit.record('user.created', user.email, 'setup link', { role: 'admin' });
    return { user, session: await this.sessions.start(user) };
  }

  private async ensureAdmin(email: string, password: string): Promise<void> {
    const existing = await this.users.byEmail(email);
    if (!existing) {
      await this.users.insert({ email, displayName: email.split('@')[0], role: 'admin', passwordHash: await hashPassword(password) });
      this.audit.record('user.created', email, 'ADMIN_EMAIL', { role: 'admin' });
      return;
    }
    const samePassword = existing.password_hash ? await verifyPassword(existing.password_hash, password) : false;
    if (samePassword && existing.role === 'admin' && !existing.disabled) return;
    await this.users.update(existing.id, { role: 'admin', disabled: false, ...(samePassword ? {} : { passwordHash: await hashPassword(password) }) }, true);
    await this.sessions.cutUser(existing.id);
    this.audit.record('user.updated', email, 'ADMIN_EMAIL', { role: 'admin', disabled: false, ...(samePassword ? {} : { password: 'reset' }) });
  }
}
