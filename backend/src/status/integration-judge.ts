import {
  applyMaintenance,
  checkStateAt,
  combineChecks,
  initialCheckState,
  isSuspect,
  sinceFor,
  updateLastAffectedAt,
  type CheckState,
  type Integration,
  type IntegrationSnapshot,
  type MaintenanceWindow,
} from '@lifeline/shared';

/** What is kept per integration between evaluations, beyond what the snapshot shows. */
export interface Tracked {
  snapshot: IntegrationSnapshot;
  lastAffectedAt?: number;
  suspect: boolean;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** How old the data is, when a check measures it (a heartbeat's `ageMs`): the oldest such age. */
function dataAge(states: readonly CheckState[]): number | undefined {
  const ages = states.flatMap((s) => (typeof s.last?.facts?.ageMs === 'number' ? [s.last.facts.ageMs] : []));
  return ages.length > 0 ? Math.max(...ages) : undefined;
}

/**
 * Judges one integration at `now` from its checks' states and the maintenance windows: the
 * shared domain rules, put together. Attribution is left as it was; it needs every integration.
 */
export function judgeIntegration(
  def: Integration,
  checks: ReadonlyMap<string, CheckState>,
  windows: readonly MaintenanceWindow[],
  prev: Tracked | undefined,
  now: number,
  timeZone: string,
): Tracked {
  const states = def.checks.map((c) => checkStateAt(checks.get(c.id) ?? initialCheckState(now), c, now));
  const combined = combineChecks(states);
  const prevSince = prev ? { status: prev.snapshot.status, since: Date.parse(prev.snapshot.since) } : undefined;
  const judged = { integrationId: def.id, status: combined.status, since: sinceFor(prevSince, combined.status, now), reasons: combined.reasons };
  const shown = applyMaintenance(judged, windows, now, timeZone);
  const delay = dataAge(states);
  // Leaving maintenance starts the status afresh, not from before the window.
  const since = shown.status === 'maintenance' ? shown.since : sinceFor(prevSince, shown.status, now);
  return {
    snapshot: {
      id: def.id,
      name: def.name,
      side: def.side,
      category: def.category,
      ...(def.partner ? { partner: def.partner } : {}),
      criticality: def.criticality,
      role: def.role,
      status: shown.status,
      since: new Date(since).toISOString(),
      latencyMs: combined.latencyMs,
      attribution: prev?.snapshot.attribution ?? null,
      lastCheckedAt: iso(combined.lastCheckedAt),
      ...(delay !== undefined ? { delay } : {}),
      reasons: shown.reasons,
      dependsOn: def.dependsOn,
    },
    lastAffectedAt: updateLastAffectedAt(prev?.lastAffectedAt, shown.status, now),
    suspect: isSuspect(states),
  };
}
