import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Role } from './roles.js';

/** A live session joined with its user, as the authenticator needs it. */
export interface ActiveSession {
  session_id: string;
  expires_at: Date;
  user_id: string;
  email: string;
  display_name: string;
  role: Role;
}

/** Sessions by the sha256 of their token: the token itself is never stored. */
@Injectable()
export class SessionRepository {
  constructor(private readonly db: DataSource) {}

  async create(id: string, userId: string, tokenVersion: number, expiresAt: Date): Promise<void> {
    await this.db.query(`INSERT INTO "session" ("id", "user_id", "token_version", "expires_at") VALUES ($1, $2, $3, $4)`, [id, userId, tokenVersion, expiresAt]);
  }

  /**
   * The session if it is still good: not revoked, not expired, its user enabled, and issued
   * under the user's current token version (a password, role or status change ends the older ones).
   */
  async active(id: string): Promise<ActiveSession | undefined> {
    const rows: ActiveSession[] = await this.db.query(
      `SELECT s."id" AS "session_id", s."expires_at", u."id" AS "user_id", u."email", u."display_name", u."role"
       FROM "session" s JOIN "app_user" u ON u."id" = s."user_id"
       WHERE s."id" = $1 AND s."revoked_at" IS NULL AND s."expires_at" > now() AND NOT u."disabled" AND s."token_version" = u."token_version"`,
      [id],
    );
    return rows[0];
  }

  async revoke(id: string): Promise<void> {
    await this.db.query(`UPDATE "session" SET "revoked_at" = now() WHERE "id" = $1 AND "revoked_at" IS NULL`, [id]);
  }

  /** Ends every session of a user but `keep`, which moves to the user's current token version. */
  async revokeAllOf(userId: string, keep?: string): Promise<void> {
    await this.db.query(`UPDATE "session" SET "revoked_at" = now() WHERE "user_id" = $1 AND "revoked_at" IS NULL AND "id" IS DISTINCT FROM $2`, [userId, keep ?? null]);
    if (keep) {
      await this.db.query(`UPDATE "session" s SET "token_version" = u."token_version" FROM "app_user" u WHERE s."id" = $1 AND u."id" = s."user_id"`, [keep]);
    }
  }

  /** Forgets sessions that ended more than a day ago. */
  async prune(): Promise<void> {
    await this.db.query(`DELETE FROM "session" WHERE "expires_at" < now() - interval '1 day' OR "revoked_at" < now() - interval '1 day'`);
  }
}
