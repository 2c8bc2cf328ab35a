import { Injectable } from '@nestjs/common';
import type { IncidentAcknowledgement, IncidentNote, IncidentState } from '@lifeline/shared';
import { DataSource } from 'typeorm';

export interface Annotations {
  acknowledgements: IncidentAcknowledgement[];
  notes: IncidentNote[];
}

interface AnnotationRow {
  incident_id: string;
  kind: 'ack' | 'note';
  author: string;
  text: string | null;
  at: Date;
}

/** Incidents as rows: the reducer's state in jsonb, plus the columns queries filter on. */
@Injectable()
export class IncidentRepository {
  constructor(private readonly db: DataSource) {}

  async save(state: IncidentState, closed: boolean): Promise<void> {
    await this.db.query(
      `INSERT INTO "incident" ("id", "key", "kind", "title", "status", "opened_at", "resolved_at", "closed", "state", "updated_at")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
       ON CONFLICT ("id") DO UPDATE SET "key" = $2, "kind" = $3, "title" = $4, "status" = $5, "resolved_at" = $7, "closed" = $8, "state" = $9, "updated_at" = now()`,
      [state.id, state.key, state.kind, state.title, state.status, new Date(state.openedAt), state.resolvedAt === undefined ? null : new Date(state.resolvedAt), closed, JSON.stringify(state)],
    );
  }

  async open(): Promise<IncidentState[]> {
    const rows: Array<{ state: IncidentState }> = await this.db.query(`SELECT "state" FROM "incident" WHERE NOT "closed" ORDER BY "opened_at"`);
    return rows.map((r) => r.state);
  }

  async find(id: string): Promise<IncidentState | undefined> {
    const rows: Array<{ state: IncidentState }> = await this.db.query(`SELECT "state" FROM "incident" WHERE "id" = $1`, [id]);
    return rows[0]?.state;
  }

  /** Incidents that overlap [from, to]: opened before its end and not resolved before its start. */
  async inWindow(from: number, to: number): Promise<IncidentState[]> {
    const rows: Array<{ state: IncidentState }> = await this.db.query(
      `SELECT "state" FROM "incident" WHERE "opened_at" <= $2 AND ("resolved_at" IS NULL OR "resolved_at" >= $1) ORDER BY "opened_at"`,
      [new Date(from), new Date(to)],
    );
    return rows.map((r) => r.state);
  }

  async annotate(incidentId: string, kind: 'ack' | 'note', author: string, text: string | undefined): Promise<void> {
    await this.db.query(`INSERT INTO "incident_annotation" ("incident_id", "kind", "author", "text") VALUES ($1, $2, $3, $4)`, [incidentId, kind, author, text ?? null]);
  }

  async annotations(ids: readonly string[]): Promise<Map<string, Annotations>> {
    const out = new Map<string, Annotations>(ids.map((id) => [id, { acknowledgements: [], notes: [] }]));
    if (ids.length === 0) return out;
    const rows: AnnotationRow[] = await this.db.query(`SELECT * FROM "incident_annotation" WHERE "incident_id" = ANY($1) ORDER BY "at", "id"`, [ids]);
    for (const r of rows) {
      const a = out.get(r.incident_id)!;
      const at = r.at.toISOString();
      if (r.kind === 'ack') a.acknowledgements.push({ by: r.author, at, ...(r.text ? { note: r.text } : {}) });
      else a.notes.push({ by: r.author, at, text: r.text ?? '' });
    }
    return out;
  }
}
