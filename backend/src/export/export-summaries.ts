import type { AuditExportSummary, Side, Status } from '@lifeline/shared';
import type { IntegrationTimeline } from './export-content.js';
import type { Query } from './export-incidents.js';

const MINUTE = 60_000;
/** Integrations per statement: enough to keep round trips few, few enough that each sort stays small. */
const CHUNK = 25;

interface IntegrationRow {
  id: string;
  name: string;
  side: Side;
  partner: string | null;
  active: boolean;
}

/**
 * Latency and counts per integration: whole minutes from the 1-minute rollups, the partial
 * minutes at the window's edges (and any minute not rolled up yet) from the raw results.
 * p50/p95 over the window are count-weighted percentiles of the per-minute p50/p95 (raw
 * results count as one-result minutes): exact for max and counts, a close estimate for
 * percentiles, and the only way that still works once raw results have aged out. Equal
 * values are summed before the running total, so the sort is over distinct latencies (a few
 * hundred per integration), not over every minute of the window. Rollups are read per check
 * ref, an index-only scan of their primary key (which carries the rollup columns).
 */
const LATENCY = `
WITH "refs" AS (SELECT "ref", "integration_id" FROM "result_check" WHERE "integration_id" = ANY($1)),
"samples" AS (
  SELECT c."integration_id", r."p50" AS "v50", r."p95" AS "v95", r."max" AS "vmax", r."count" AS "n", r."failures" AS "f"
    FROM "refs" c JOIN "result_rollup_1m" r ON r."check_ref" = c."ref" WHERE r."minute" >= $3 AND r."minute" < $4
  UNION ALL
  SELECT c."integration_id", d, d, d, 1, CASE WHEN x."error_class" IS NULL THEN 0 ELSE 1 END
    FROM "refs" c JOIN "result" x ON x."check_ref" = c."ref" CROSS JOIN LATERAL (SELECT CASE WHEN x."error_class" IS NULL THEN x."duration_ms" END AS d) v
   WHERE (x."started_at" >= $2 AND x."started_at" < $3) OR (x."started_at" >= $4 AND x."started_at" < $5)
),
"totals" AS (SELECT "integration_id", sum("n")::bigint AS "results", sum("f")::bigint AS "failures", max("vmax") AS "max" FROM "samples" GROUP BY 1),
"w50" AS (SELECT "integration_id", "v50" AS "v", sum("n" - "f") AS "w" FROM "samples" WHERE "v50" IS NOT NULL GROUP BY 1, 2),
"w95" AS (SELECT "integration_id", "v95" AS "v", sum("n" - "f") AS "w" FROM "samples" WHERE "v95" IS NOT NULL GROUP BY 1, 2),
"p50" AS (
  SELECT DISTINCT ON ("integration_id") "integration_id", "v" AS "p50" FROM (
    SELECT "integration_id", "v", sum("w") OVER (PARTITION BY "integration_id" ORDER BY "v" ROWS UNBOUNDED PRECEDING) AS "cw", sum("w") OVER (PARTITION BY "integration_id") AS "tw" FROM "w50") s
   WHERE "cw" >= 0.5 * "tw" ORDER BY "integration_id", "v"),
"p95" AS (
  SELECT DISTINCT ON ("integration_id") "integration_id", "v" AS "p95" FROM (
    SELECT "integration_id", "v", sum("w") OVER (PARTITION BY "integration_id" ORDER BY "v" ROWS UNBOUNDED PRECEDING) AS "cw", sum("w") OVER (PARTITION BY "integration_id") AS "tw" FROM "w95") s
   WHERE "cw" >= 0.95 * "tw" ORDER BY "integration_id", "v")
SELECT t."integration_id", t."results", t."failures", t."max", p50."p50", p95."p95"
  FROM "totals" t LEFT JOIN "p50" USING ("integration_id") LEFT JOIN "p95" USING ("integration_id")`;

/** Each integration's statuses over the window, from its transitions (and the last one before the window). */
const SPANS = `
WITH "ids" AS (SELECT unnest($1::text[]) AS "integration_id"),
"starts" AS (
  SELECT "ids"."integration_id", (SELECT max(s."at") FROM "state_transition" s WHERE s."integration_id" = "ids"."integration_id" AND s."at" <= $2) AS "since" FROM "ids"),
"t" AS (
  SELECT s."integration_id", s."to_status", s."at", lead(s."at") OVER (PARTITION BY s."integration_id" ORDER BY s."at", s."id") AS "next_at"
    FROM "state_transition" s JOIN "starts" ON "starts"."integration_id" = s."integration_id"
   WHERE s."at" >= coalesce("starts"."since", '-infinity') AND s."at" < $3)
SELECT "integration_id", "to_status" AS "status", greatest("at", $2) AS "from", least(coalesce("next_at", $3), $3) AS "to"
  FROM "t" WHERE least(coalesce("next_at", $3), $3) > greatest("at", $2)
 ORDER BY "integration_id", "at"`;

async function integrations(query: Query, only: string[] | null): Promise<IntegrationRow[]> {
  return query(`SELECT "id", "name", "side", "partner", "active" FROM "integration" WHERE ($1::text[] IS NULL OR "id" = ANY($1::text[])) ORDER BY "id"`, [only]);
}

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

type Span = { integration_id: string; status: Status; from: Date; to: Date };

/** Per integration: result counts, availability, latency and time in each status over [from, to). */
export async function* readSummaries(query: Query, from: number, to: number, only: string[] | null, now: number): AsyncGenerator<AuditExportSummary> {
  const [{ last }] = await query(`SELECT max("minute") AS "last" FROM "result_rollup_1m"`);
  const rolledUntil = last ? (last as Date).getTime() + MINUTE : -Infinity;
  const edgeStart = Math.min(Math.ceil(from / MINUTE) * MINUTE, to);
  const edgeEnd = Math.max(edgeStart, Math.min(Math.floor(to / MINUTE) * MINUTE, rolledUntil));
  const upTo = Math.min(to, now);
  for (const chunk of chunks(await integrations(query, only), CHUNK)) {
    const ids = chunk.map((i) => i.id);
    const latency: Array<{ integration_id: string; results: string; failures: string; max: number | null; p50: number | null; p95: number | null }> = await query(LATENCY, [
      ids,
      new Date(from),
      new Date(edgeStart),
      new Date(edgeEnd),
      new Date(to),
    ]);
    const spans: Span[] = upTo > from ? await query(SPANS, [ids, new Date(from), new Date(upTo)]) : [];
    for (const i of chunk) {
      const l = latency.find((r) => r.integration_id === i.id);
      const secondsIn = { operational: 0, degraded: 0, down: 0, unknown: 0, maintenance: 0 };
      for (const s of spans) if (s.integration_id === i.id) secondsIn[s.status] += (s.to.getTime() - s.from.getTime()) / 1000;
      const results = Number(l?.results ?? 0);
      const failures = Number(l?.failures ?? 0);
      if (!i.active && results === 0 && !spans.some((s) => s.integration_id === i.id)) continue;
      yield {
        integrationId: i.id,
        name: i.name,
        side: i.side,
        partner: i.partner,
        results,
        failures,
        availability: results ? (results - failures) / results : null,
        latencyMs: { p50: l?.p50 ?? null, p95: l?.p95 ?? null, max: l?.max ?? null },
        secondsIn: Object.fromEntries(Object.entries(secondsIn).map(([k, v]) => [k, Math.round(v * 1000) / 1000])) as typeof secondsIn,
      };
    }
  }
}

/** Per integration that was not operational at some point in the window: those spans, for the timeline chart. */
export async function* readTimelines(query: Query, from: number, to: number, only: string[] | null, now: number): AsyncGenerator<IntegrationTimeline> {
  const upTo = Math.min(to, now);
  if (upTo <= from) return;
  for (const chunk of chunks(await integrations(query, only), CHUNK)) {
    const spans: Span[] = await query(SPANS, [chunk.map((i) => i.id), new Date(from), new Date(upTo)]);
    for (const i of chunk) {
      const mine = spans.filter((s) => s.integration_id === i.id && s.status !== 'operational');
      if (mine.length) yield { integrationId: i.id, name: i.name, spans: mine.map((s) => ({ from: s.from.getTime(), to: s.to.getTime(), status: s.status })) };
    }
  }
}
