import type { AuditExportIncident, AuditExportTransition, IncidentState, Status } from '@lifeline/shared';

/** A query function bound to the export's one read-only transaction. */
export type Query = (sql: string, params?: unknown[]) => Promise<any[]>;

const INCIDENT_BATCH = 200;
const TRANSITION_BATCH = 2_000;

interface AnnotationRow {
  incident_id: string;
  kind: 'ack' | 'note';
  author: string;
  text: string | null;
  at: Date;
}

/**
 * Incidents that overlap the window (opened before its end, not resolved before its start),
 * oldest first, a batch at a time by (opened_at, id), each with every acknowledgement and
 * note it received.
 */
export async function* readIncidents(query: Query, from: number, to: number, only: string[] | null, fmt: (ms: number) => string, now: number): AsyncGenerator<AuditExportIncident> {
  // Keyset cursors carry the time as the server's own text, so microseconds survive.
  let after: [string, string] = ['-infinity', ''];
  for (;;) {
    const rows: Array<{ id: string; state: IncidentState; cursor: string }> = await query(
      `SELECT "id", "state", "opened_at"::text AS "cursor" FROM "incident"
        WHERE "opened_at" <= $2 AND ("resolved_at" IS NULL OR "resolved_at" >= $1)
          AND ($3::text[] IS NULL OR EXISTS (SELECT 1 FROM jsonb_array_elements("state"->'members') m WHERE m->>'integrationId' = ANY($3::text[])))
          AND ("opened_at", "id") > ($4::timestamptz, $5)
        ORDER BY "opened_at", "id" LIMIT ${INCIDENT_BATCH}`,
      [new Date(from), new Date(to), only, after[0], after[1]],
    );
    if (rows.length === 0) return;
    const annotations: AnnotationRow[] = await query(`SELECT * FROM "incident_annotation" WHERE "incident_id" = ANY($1) ORDER BY "at", "id"`, [rows.map((r) => r.id)]);
    for (const { state } of rows) yield toExportIncident(state, annotations.filter((a) => a.incident_id === state.id), fmt, now);
    const last = rows[rows.length - 1];
    after = [last.cursor, last.id];
    if (rows.length < INCIDENT_BATCH) return;
  }
}

export function toExportIncident(s: IncidentState, annotations: AnnotationRow[], fmt: (ms: number) => string, now: number): AuditExportIncident {
  const end = s.resolvedAt ?? null;
  return {
    id: s.id,
    title: s.title,
    kind: s.kind,
    key: s.key,
    attribution: { cause: s.kind, subject: s.subject ?? null },
    status: s.status,
    worst: s.worst,
    start: fmt(s.openedAt),
    end: end === null ? null : fmt(end),
    durationSeconds: Math.max(0, Math.round(((end ?? now) - s.openedAt) / 1000)),
    ongoing: end === null,
    mergedInto: s.mergedInto ?? null,
    members: s.members.map((m) => ({
      integrationId: m.integrationId,
      name: m.name,
      side: m.side,
      partner: m.partner ?? null,
      joinedAt: fmt(m.joinedAt),
      leftAt: m.leftAt === undefined ? null : fmt(m.leftAt),
      leftAs: m.leftAs ?? null,
      movedTo: m.movedTo ?? null,
      status: m.status,
      worst: m.worst,
    })),
    acknowledgements: annotations.filter((a) => a.kind === 'ack').map((a) => ({ by: a.author, at: fmt(a.at.getTime()), note: a.text || null })),
    notes: annotations.filter((a) => a.kind === 'note').map((a) => ({ by: a.author, at: fmt(a.at.getTime()), text: a.text ?? '' })),
    timeline: s.timeline.map((e) => ({ at: fmt(e.at), text: e.text })),
  };
}

/** Every state transition in the window, in time order, a batch at a time by (at, id). */
export async function* readTransitions(query: Query, from: number, to: number, only: string[] | null, fmt: (ms: number) => string): AsyncGenerator<AuditExportTransition> {
  let after: [string, string] = ['-infinity', '0'];
  for (;;) {
    const rows: Array<{ id: string; cursor: string; integration_id: string; name: string | null; from_status: Status; to_status: Status; at: Date; reasons: string[] }> = await query(
      `SELECT t."id", t."at"::text AS "cursor", t."integration_id", i."name", t."from_status", t."to_status", t."at", t."reasons"
         FROM "state_transition" t LEFT JOIN "integration" i ON i."id" = t."integration_id"
        WHERE t."at" >= $1 AND t."at" <= $2 AND ($3::text[] IS NULL OR t."integration_id" = ANY($3::text[]))
          AND (t."at", t."id") > ($4::timestamptz, $5::bigint)
        ORDER BY t."at", t."id" LIMIT ${TRANSITION_BATCH}`,
      [new Date(from), new Date(to), only, after[0], after[1]],
    );
    for (const r of rows) {
      yield { at: fmt(r.at.getTime()), integrationId: r.integration_id, integrationName: r.name, from: r.from_status, to: r.to_status, reasons: r.reasons };
    }
    if (rows.length < TRANSITION_BATCH) return;
    const last = rows[rows.length - 1];
    after = [last.cursor, last.id];
  }
}
