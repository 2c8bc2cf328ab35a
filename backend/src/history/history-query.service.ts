import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Read side of history: results and transitions of one integration in a window. */
@Injectable()
export class HistoryQueryService {
  constructor(private readonly db: DataSource) {}

  async forIntegration(integrationId: string, from: number, to: number, limit: number) {
    const window = [integrationId, new Date(from).toISOString(), new Date(to).toISOString()];
    const transitions = await this.db.query(
      `SELECT "from_status" AS "from", "to_status" AS "to", "at", "reasons" FROM "state_transition"
       WHERE "integration_id" = $1 AND "at" >= $2 AND "at" <= $3 ORDER BY "at", "id"`,
      window,
    );
    const results = await this.db.query(
      `SELECT "check_id" AS "checkId", "started_at" AS "startedAt", "duration_ms" AS "durationMs", "ok", "error_class" AS "errorClass", "stage", "message"
       FROM "result" WHERE "integration_id" = $1 AND "started_at" >= $2 AND "started_at" <= $3 ORDER BY "started_at" DESC LIMIT $4`,
      [...window, limit],
    );
    const iso = (d: Date) => d.toISOString();
    return {
      transitions: transitions.map((t: { at: Date }) => ({ ...t, at: iso(t.at) })),
      results: results.map((r: { startedAt: Date }) => ({ ...r, startedAt: iso(r.startedAt) })),
    };
  }
}
