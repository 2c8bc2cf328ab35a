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
    // Per check of the integration, its newest rows through the (check_ref, started_at) index; then the newest of those.
    const results = await this.db.query(
      `SELECT c."check_id" AS "checkId", r."started_at" AS "startedAt", r."duration_ms" AS "durationMs", r."error_class" IS NULL AS "ok",
              r."error_class" AS "errorClass", r."stage", r."message"
         FROM "result_check" c CROSS JOIN LATERAL (
           SELECT * FROM "result" x WHERE x."check_ref" = c."ref" AND x."started_at" >= $2 AND x."started_at" <= $3 ORDER BY x."started_at" DESC LIMIT $4) r
        WHERE c."integration_id" = $1 ORDER BY r."started_at" DESC LIMIT $4`,
      [...window, limit],
    );
    const iso = (d: Date) => d.toISOString();
    return {
      transitions: transitions.map((t: { at: Date }) => ({ ...t, at: iso(t.at) })),
      results: results.map((r: { startedAt: Date }) => ({ ...r, startedAt: iso(r.startedAt) })),
    };
  }
}
