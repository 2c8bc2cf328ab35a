import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Role } from './roles.js';

export interface UserRow {
  id: string;
  email: string;
  display_name: string;
  role: Role;
  password_hash: string | null;
  oidc_subject: string | null;
  disabled: boolean;
  failed_logins: number;
  locked_until: Date | null;
  token_version: number;
  created_at: Date;
}

export interface NewUser {
  email: string;
  displayName: string;
  role: Role;
  passwordHash: string | null;
  oidcSubject?: string | null;
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  disabled?: boolean;
  passwordHash?: string;
  oidcSubject?: string;
}

/** People who may sign in. E-mails are stored lower-case; password hashes never leave this layer but to be verified. */
@Injectable()
export class UserRepository {
  constructor(private readonly db: DataSource) {}

  async byEmail(email: string): Promise<UserRow | undefined> {
    const rows: UserRow[] = await this.db.query(`SELECT * FROM "app_user" WHERE "email" = $1`, [email.toLowerCase()]);
    return rows[0];
  }

  async byId(id: string): Promise<UserRow | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
    const rows: UserRow[] = await this.db.query(`SELECT * FROM "app_user" WHERE "id" = $1`, [id]);
    return rows[0];
  }

  async byOidcSubject(subject: string): Promise<UserRow | undefined> {
    const rows: UserRow[] = await this.db.query(`SELECT * FROM "app_user" WHERE "oidc_subject" = $1`, [subject]);
    return rows[0];
  }

  async list(): Promise<UserRow[]> {
    return this.db.query(`SELECT * FROM "app_user" ORDER BY "created_at", "email"`);
  }

  /** Inserts unless the e-mail is taken (then undefined): no failing statement, so nothing is logged with its parameters. */
  async insert(user: NewUser): Promise<UserRow | undefined> {
    const rows: UserRow[] = await this.db.query(
      `INSERT INTO "app_user" ("email", "display_name", "role", "password_hash", "oidc_subject") VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING RETURNING *`,
      [user.email.toLowerCase(), user.displayName, user.role, user.passwordHash, user.oidcSubject ?? null],
    );
    return rows[0];
  }

  /**
   * Applies changes; with `cut`, also bumps the token version, which ends every session issued
   * before (a session carries the version it was issued under).
   */
  async update(id: string, changes: UserChanges, cut: boolean): Promise<UserRow | undefined> {
    const sets: string[] = [];
    const values: unknown[] = [id];
    const set = (column: string, value: unknown) => {
      values.push(value);
      sets.push(`"${column}" = $${values.length}`);
    };
    if (changes.displayName !== undefined) set('display_name', changes.displayName);
    if (changes.role !== undefined) set('role', changes.role);
    if (changes.disabled !== undefined) set('disabled', changes.disabled);
    if (changes.passwordHash !== undefined) {
      set('password_hash', changes.passwordHash);
      sets.push(`"failed_logins" = 0`, `"locked_until" = NULL`);
    }
    if (changes.oidcSubject !== undefined) set('oidc_subject', changes.oidcSubject);
    if (cut) sets.push(`"token_version" = "token_version" + 1`);
    if (sets.length === 0) return this.byId(id);
    const rows: [UserRow[], number] = await this.db.query(`UPDATE "app_user" SET ${sets.join(', ')} WHERE "id" = $1 RETURNING *`, values);
    return rows[0][0];
  }

  /** One more wrong password; at `lockAfter` in a row the account is locked until `lockedUntil`. */
  async recordFailure(id: string, lockAfter: number, lockedUntil: Date): Promise<UserRow> {
    const rows: [UserRow[], number] = await this.db.query(
      `UPDATE "app_user" SET "failed_logins" = "failed_logins" + 1,
         "locked_until" = CASE WHEN "failed_logins" + 1 >= $2 THEN $3::timestamptz ELSE "locked_until" END
       WHERE "id" = $1 RETURNING *`,
      [id, lockAfter, lockedUntil],
    );
    return rows[0][0];
  }

  async recordSuccess(id: string): Promise<void> {
    await this.db.query(`UPDATE "app_user" SET "failed_logins" = 0, "locked_until" = NULL WHERE "id" = $1 AND ("failed_logins" > 0 OR "locked_until" IS NOT NULL)`, [id]);
  }

  async countEnabledAdmins(exceptId?: string): Promise<number> {
    const rows: Array<{ n: string }> = await this.db.query(`SELECT count(*) AS n FROM "app_user" WHERE "role" = 'admin' AND NOT "disabled" AND "id" IS DISTINCT FROM $1`, [exceptId ?? null]);
    return Number(rows[0].n);
  }
}
