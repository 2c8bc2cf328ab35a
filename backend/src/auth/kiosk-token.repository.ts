import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface KioskTokenRow {
  id: string;
  name: string;
  created_by: string | null;
  created_by_email: string | null;
  created_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

const COLUMNS = `k."id", k."name", k."created_by", u."email" AS "created_by_email", k."created_at", k."revoked_at", k."last_used_at"`;

/** Wall-screen tokens by the sha256 of the token: the token itself is shown once and never stored. */
@Injectable()
export class KioskTokenRepository {
  constructor(private readonly db: DataSource) {}

  async create(name: string, tokenHash: string, createdBy: string | null): Promise<KioskTokenRow> {
    const [row]: Array<{ id: string }> = await this.db.query(`INSERT INTO "kiosk_token" ("name", "token_hash", "created_by") VALUES ($1, $2, $3) RETURNING "id"`, [name, tokenHash, createdBy]);
    return (await this.byId(row.id))!;
  }

  async byId(id: string): Promise<KioskTokenRow | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
    const rows: KioskTokenRow[] = await this.db.query(`SELECT ${COLUMNS} FROM "kiosk_token" k LEFT JOIN "app_user" u ON u."id" = k."created_by" WHERE k."id" = $1`, [id]);
    return rows[0];
  }

  async list(): Promise<KioskTokenRow[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM "kiosk_token" k LEFT JOIN "app_user" u ON u."id" = k."created_by" ORDER BY k."created_at"`);
  }

  async activeByHash(tokenHash: string): Promise<{ id: string; name: string } | undefined> {
    const rows: Array<{ id: string; name: string }> = await this.db.query(`SELECT "id", "name" FROM "kiosk_token" WHERE "token_hash" = $1 AND "revoked_at" IS NULL`, [tokenHash]);
    return rows[0];
  }

  /** Revokes; false when there is no such token or it was revoked already. */
  async revoke(id: string): Promise<boolean> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return false;
    const rows: [unknown[], number] = await this.db.query(`UPDATE "kiosk_token" SET "revoked_at" = now() WHERE "id" = $1 AND "revoked_at" IS NULL RETURNING "id"`, [id]);
    return rows[1] > 0;
  }

  async touch(id: string): Promise<void> {
    await this.db.query(`UPDATE "kiosk_token" SET "last_used_at" = now() WHERE "id" = $1`, [id]);
  }
}
