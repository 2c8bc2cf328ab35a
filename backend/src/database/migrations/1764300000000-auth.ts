import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in: people (local password or OIDC), their sessions, wall-screen kiosk tokens and the
 * one-time setup link. Secrets are stored only as hashes: argon2id for passwords, sha256 for
 * the random tokens (sessions, kiosk, setup), which are long enough not to need a slow hash.
 */
export class Auth1764300000000 implements MigrationInterface {
  name = 'Auth1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "app_user" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "email" text NOT NULL,
      "display_name" text NOT NULL,
      "role" text NOT NULL,
      "password_hash" text,
      "oidc_subject" text,
      "disabled" boolean NOT NULL DEFAULT false,
      "failed_logins" integer NOT NULL DEFAULT 0,
      "locked_until" timestamptz,
      "token_version" integer NOT NULL DEFAULT 0,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "app_user_role" CHECK ("role" IN ('viewer', 'operator', 'admin')),
      CONSTRAINT "app_user_email_lower" CHECK ("email" = lower("email"))
    )`);
    await q.query(`CREATE UNIQUE INDEX "app_user_email_idx" ON "app_user" ("email")`);
    await q.query(`CREATE UNIQUE INDEX "app_user_oidc_subject_idx" ON "app_user" ("oidc_subject") WHERE "oidc_subject" IS NOT NULL`);
    await q.query(`CREATE TABLE "session" (
      "id" char(64) PRIMARY KEY,
      "user_id" uuid NOT NULL REFERENCES "app_user"("id") ON DELETE CASCADE,
      "token_version" integer NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "expires_at" timestamptz NOT NULL,
      "revoked_at" timestamptz
    )`);
    await q.query(`CREATE INDEX "session_user_idx" ON "session" ("user_id")`);
    await q.query(`CREATE INDEX "session_expires_idx" ON "session" ("expires_at")`);
    await q.query(`CREATE TABLE "kiosk_token" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "name" text NOT NULL,
      "token_hash" char(64) NOT NULL,
      "created_by" uuid REFERENCES "app_user"("id") ON DELETE SET NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "revoked_at" timestamptz,
      "last_used_at" timestamptz
    )`);
    await q.query(`CREATE UNIQUE INDEX "kiosk_token_hash_idx" ON "kiosk_token" ("token_hash")`);
    await q.query(`CREATE TABLE "setup_token" (
      "hash" char(64) PRIMARY KEY,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "expires_at" timestamptz NOT NULL,
      "used_at" timestamptz
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "setup_token"`);
    await q.query(`DROP TABLE "kiosk_token"`);
    await q.query(`DROP TABLE "session"`);
    await q.query(`DROP TABLE "app_user"`);
  }
}
