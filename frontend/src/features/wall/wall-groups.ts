import { CRITICALITIES, STATUS_SEVERITY, worstStatus } from '@lifeline/shared';
import type { IncidentSnapshot, IntegrationSnapshot } from '@lifeline/shared';
import { orderTiles } from './order-tiles';

/** One item of a wall half: a single tile, or the tiles of one common-cause incident together. */
export type WallItem =
  | { kind: 'tile'; integration: IntegrationSnapshot }
  | { kind: 'group'; incident: IncidentSnapshot; members: IntegrationSnapshot[]; memberCount: number };

const CRITICALITY_RANK = new Map(CRITICALITIES.map((c, i) => [c, i]));

/** Incidents that group tiles: open, of a common cause (not one link on its own), with ≥ 2 links failing now. */
export function commonCauses(incidents: readonly IncidentSnapshot[]): IncidentSnapshot[] {
  return incidents.filter((i) => !i.resolvedAt && !i.mergedInto && i.kind !== 'integration' && currentMembers(i).length >= 2);
}

export function currentMembers(incident: IncidentSnapshot): IncidentSnapshot['members'] {
  return incident.members.filter((m) => !m.leftAt);
}

/**
 * A wall half's items, worst first: a group ranks by its worst member and sits before a single
 * tile of the same rank. A group shows here only when ≥ 2 of its failing links are on this half;
 * its count is all of its failing links, both halves.
 */
export function groupTiles(integrations: readonly IntegrationSnapshot[], incidents: readonly IncidentSnapshot[]): WallItem[] {
  const byId = new Map(integrations.map((i) => [i.id, i]));
  const grouped = new Set<string>();
  const groups: WallItem[] = [];
  for (const incident of commonCauses(incidents)) {
    const failing = currentMembers(incident);
    const here = failing.map((m) => byId.get(m.integrationId)).filter((i): i is IntegrationSnapshot => !!i && !grouped.has(i.id));
    if (here.length < 2) continue;
    here.forEach((i) => grouped.add(i.id));
    groups.push({ kind: 'group', incident, members: orderTiles(here), memberCount: failing.length });
  }
  const singles: WallItem[] = orderTiles(integrations.filter((i) => !grouped.has(i.id))).map((integration) => ({ kind: 'tile', integration }));
  return [...groups, ...singles].sort((a, b) => rank(b).severity - rank(a).severity || rank(a).criticality - rank(b).criticality || kindOrder(a) - kindOrder(b));
}

function rank(item: WallItem): { severity: number; criticality: number } {
  const list = item.kind === 'tile' ? [item.integration] : item.members;
  return {
    severity: STATUS_SEVERITY[worstStatus(list.map((i) => i.status))],
    criticality: Math.min(...list.map((i) => CRITICALITY_RANK.get(i.criticality) ?? 99)),
  };
}

const kindOrder = (item: WallItem) => (item.kind === 'group' ? 0 : 1);
