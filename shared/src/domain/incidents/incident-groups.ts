import type { IncidentKind } from '../../contracts/incident.js';
import type { Attribution } from '../../contracts/snapshot.js';
import type { Side, Status } from '../../contracts/words.js';

/** One integration as the incident reducer sees it: its status and its attribution. */
export interface IncidentInput {
  id: string;
  /** Used on the timeline; the id when absent. */
  name?: string;
  side: Side;
  partner?: string;
  status: Status;
  /** Epoch ms when it entered its current status; lets a partner or single-link incident settle first. */
  since?: number;
  attribution: Attribution | null;
}

export interface IncidentGroup {
  key: string;
  kind: IncidentKind;
  subject?: string;
  title: string;
}

/** Perimeter and internal incidents stand for a common cause: other incidents may be regrouped into them. */
export function isCommonCause(kind: IncidentKind): boolean {
  return kind === 'perimeter' || kind === 'internal';
}

export const PERIMETER_TITLE = 'Many external links at once: internet connection or provider';

/**
 * The incident an integration belongs to right now, or null when it should not be in one:
 * only degraded or down integrations with an attribution open incidents (never unknown or
 * maintenance), and a link failing through an internal system in maintenance is planned, not
 * an incident.
 *
 * - perimeter → `perimeter`
 * - dependency via X → `internal:X`, the same incident as X's own failure
 * - self, internal → `internal:<id>`; self, external → `integration:<id>`
 * - partner → `partner:<partner>`
 */
export function incidentGroupFor(item: IncidentInput, byId: ReadonlyMap<string, IncidentInput>): IncidentGroup | null {
  if ((item.status !== 'degraded' && item.status !== 'down') || !item.attribution) return null;
  const name = (id: string): string => byId.get(id)?.name ?? id;
  const internal = (id: string): IncidentGroup => ({ key: `internal:${id}`, kind: 'internal', subject: id, title: `Inside the hospital: ${name(id)}` });
  const { cause, via } = item.attribution;
  switch (cause) {
    case 'perimeter':
      return { key: 'perimeter', kind: 'perimeter', title: PERIMETER_TITLE };
    case 'dependency':
      if (!via) return internal(item.id);
      return byId.get(via)?.status === 'maintenance' ? null : internal(via);
    case 'self':
      return item.side === 'internal' ? internal(item.id) : { key: `integration:${item.id}`, kind: 'integration', subject: item.id, title: name(item.id) };
    case 'partner': {
      const partner = item.partner ?? item.id;
      return { key: `partner:${partner}`, kind: 'partner', subject: partner, title: `Partner: ${partner}` };
    }
  }
}
