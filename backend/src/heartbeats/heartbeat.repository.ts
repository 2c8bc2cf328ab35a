import { Injectable } from '@nestjs/common';
import type { HeartbeatRecord } from '@lifeline/shared';
import { DataSource } from 'typeorm';

/** The last heartbeat of one check, and the freshness times of the ones before it (epoch ms, oldest first). */
export interface StoredHeartbeat {
  checkId: string;
  integrationId: string;
  last: HeartbeatRecord;
  recent: number[];
}

interface Row {
  check_id: string;
  integration_id: string;
  received_at: Date;
  last_message_at: Date | null;
  queue_depth: number | null;
  recent: number[];
}

/** Heartbeats as rows: one per check, overwritten on every push. */
@Injectable()
export class HeartbeatRepository {
  constructor(private readonly db: DataSource) {}

  async all(): Promise<StoredHeartbeat[]> {
    const rows: Row[] = await this.db.query(`SELECT * FROM "heartbeat"`);
    return rows.map((r) => ({
      checkId: r.check_id,
      integrationId: r.integration_id,
      last: {
        receivedAt: r.received_at.getTime(),
        ...(r.last_message_at ? { lastMessageAt: r.last_message_at.getTime() } : {}),
        ...(r.queue_depth !== null ? { queueDepth: r.queue_depth } : {}),
      },
      recent: r.recent,
    }));
  }

  async save(h: StoredHeartbeat): Promise<void> {
    await this.db.query(
      `INSERT INTO "heartbeat" ("check_id", "integration_id", "received_at", "last_message_at", "queue_depth", "recent") VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ("check_id") DO UPDATE SET "integration_id" = $2, "received_at" = $3, "last_message_at" = $4, "queue_depth" = $5, "recent" = $6`,
      [
        h.checkId,
        h.integrationId,
        new Date(h.last.receivedAt),
        h.last.lastMessageAt === undefined ? null : new Date(h.last.lastMessageAt),
        h.last.queueDepth ?? null,
        JSON.stringify(h.recent),
      ],
    );
  }
}
