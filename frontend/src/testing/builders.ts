import type { IncidentSnapshot, IntegrationSnapshot, Snapshot, Verdict } from '@lifeline/shared';
import type { LiveState } from '../live/live-state';

/** Test data shaped like the backend's: the UZ Gent morning of the DDoS. */
export const T0 = Date.parse('2025-11-26T07:45:00+01:00');

export function anIntegration(overrides: Partial<IntegrationSnapshot> = {}): IntegrationSnapshot {
  return {
    id: 'synlab-results',
    name: 'Synlab lab results',
    side: 'external',
    category: 'lab',
    partner: 'Synlab',
    criticality: 'critical',
    role: 'service',
    status: 'operational',
    since: new Date(T0 - 12 * 60_000).toISOString(),
    latencyMs: 340,
    attribution: null,
    lastCheckedAt: new Date(T0 - 5_000).toISOString(),
    reasons: [],
    dependsOn: ['interface-engine'],
    ...overrides,
  };
}

export function aVerdict(overrides: Partial<Verdict> = {}): Verdict {
  return {
    internal: 'operational',
    external: 'operational',
    cause: 'none',
    summary: 'Hospital systems normal. All external links normal.',
    since: new Date(T0 - 60 * 60_000).toISOString(),
    ...overrides,
  };
}

export function aSnapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    serverTime: new Date(T0).toISOString(),
    seq: 100,
    site: { name: 'UZ Gent', timezone: 'Europe/Brussels' },
    verdict: aVerdict(),
    integrations: [
      anIntegration({ id: 'interface-engine', name: 'Interface engine', side: 'internal', category: 'application', partner: undefined, dependsOn: [] }),
      anIntegration(),
    ],
    incidents: [],
    ...overrides,
  };
}

type Member = IncidentSnapshot['members'][number];

/** One member of an incident, still failing unless `leftAt` is given. */
export function aMember(overrides: Partial<Member> = {}): Member {
  return {
    integrationId: 'synlab-results',
    name: 'Synlab lab results',
    side: 'external',
    partner: 'Synlab',
    joinedAt: new Date(T0 - 14 * 60_000).toISOString(),
    status: 'degraded',
    worst: 'degraded',
    ...overrides,
  };
}

/** The DDoS morning's perimeter incident, open since 07:31, with one member. */
export function anIncident(overrides: Partial<IncidentSnapshot> = {}): IncidentSnapshot {
  return {
    id: 'inc-1',
    key: 'perimeter',
    kind: 'perimeter',
    title: 'External links failing together (perimeter)',
    status: 'degraded',
    worst: 'degraded',
    openedAt: new Date(T0 - 14 * 60_000).toISOString(),
    updatedAt: new Date(T0 - 60_000).toISOString(),
    members: [aMember()],
    timeline: [{ at: new Date(T0 - 14 * 60_000).toISOString(), text: 'Opened: Synlab lab results degraded' }],
    acknowledgements: [],
    notes: [],
    ...overrides,
  };
}

/** Live state as the store holds it right after receiving `snapshot` at client time `at`. */
export function aLiveState(snapshot: Snapshot = aSnapshot(), overrides: Partial<LiveState> = {}): LiveState {
  return {
    snapshot,
    connection: 'live',
    lastUpdateAt: T0,
    serverOffsetMs: 0,
    lastSeq: snapshot.seq,
    resyncRequestedAt: null,
    ...overrides,
  };
}
