import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The one-time link that creates the first admin, by the sha256 of its token. */
@Injectable()
export class SetupTokenRepository {
  constructor(private readonly db: DataSource) {}

  /** Stores a new token and retires every earlier unused one: only the latest printed link works. */
  async replace(hash: string, expiresAt: Date): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.query(`UPDATE "setup_token" SET "used_at" = now() WHERE "used_at" IS NULL`);
      await m.query(`INSERT INTO "setup_token" ("hash", "expires_at") VALUES ($1, $2)`, [hash, expiresAt]);
    });
  }

  /** Marks the token used; false when unknown, used or expired. Single use even under a race. */
  async consume(hash: string, m: { query: DataSource['query'] } = this.db): Promise<boolean> {
    const rows: [unknown[], number] = await m.query(`UPDATE "setup_token" SET "used_at" = now() WHERE "hash" = $1 AND "used_at" IS NULL AND "expires_at" > now() RETURNING "hash"`, [hash]);
    return rows[1] > 0;
  }

  async retireAll(): Promise<void> {
    await this.db.query(`UPDATE "setup_token" SET "used_at" = now() WHERE "used_at" IS NULL`);
  }
}
