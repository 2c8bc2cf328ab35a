import type { Side, Status } from './words.js';

/**
 * What an incident groups. One common cause is one incident:
 * - `perimeter`: external links failing together (our uplink, our provider, a DDoS); key `perimeter`
 * - `internal`: a hospital system and everything failing through it; key `internal:<integration id>`
 * - `partner`: one partner's links; key `partner:<partner name>`
 * - `integration`: one link failing on its own; key `integration:<integration id>`
 */
export const INCIDENT_KINDS = ['perimeter', 'internal', 'partner', 'integration'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

/** Why a member stopped failing as part of an incident. */
export const MEMBER_EXITS = ['recovered', 'maintenance', 'moved', 'removed'] as const;
export type MemberExit = (typeof MEMBER_EXITS)[number];

/** One integration listed on an incident. Members that left stay listed, with when and how. */
export interface IncidentMember {
  integrationId: string;
  name: string;
  side: Side;
  partner?: string;
  /** Epoch ms when it (last) joined this incident. */
  joinedAt: number;
  /** Latest status seen while a member: degraded, down, or unknown (no recent result). */
  status: Status;
  /** The worst it got while a member. */
  worst: 'degraded' | 'down';
  /** Epoch ms when it left: for `recovered`, its recovery time. Absent while it is still failing. */
  leftAt?: number;
  leftAs?: MemberExit;
  /** For `moved`: the id of the incident it now belongs to. */
  movedTo?: string;
  /**
   * Bookkeeping while still a member: since when it has been failing for a narrower reason
   * (its partner, itself). It moves to that incident only once this has lasted the settle time.
   */
  pendingMoveSince?: number;
}

export interface IncidentTimelineEntry {
  /** Epoch ms. */
  at: number;
  /** Plain words, e.g. "Synlab lab results joined (down)". */
  text: string;
}

/** An incident as the pure reducer keeps it; times are epoch ms. */
export interface IncidentState {
  id: string;
  /** Grouping key, e.g. `perimeter`, `internal:interface-engine`, `partner:Synlab`, `integration:synlab-results`. */
  key: string;
  kind: IncidentKind;
  /** Integration id (internal, integration) or partner name (partner); absent for perimeter. */
  subject?: string;
  title: string;
  /** Worst status of the members still failing; `operational` once all have left (closing after the cool-down). */
  status: Status;
  /** The worst it got. */
  worst: 'degraded' | 'down';
  openedAt: number;
  updatedAt: number;
  /** Epoch ms when the last member recovered (or left); set once resolved. */
  resolvedAt?: number;
  /** When its members were regrouped into another incident: that incident's id. */
  mergedInto?: string;
  members: IncidentMember[];
  timeline: IncidentTimelineEntry[];
}

export const INCIDENT_EVENT_TYPES = ['opened', 'updated', 'resolved'] as const;
export type IncidentEventType = (typeof INCIDENT_EVENT_TYPES)[number];

export interface IncidentChange {
  type: IncidentEventType;
  incident: IncidentState;
}

/** An acknowledgement: someone has seen the incident and is on it. */
export interface IncidentAcknowledgement {
  by: string;
  /** ISO time. */
  at: string;
  note?: string;
}

export interface IncidentNote {
  by: string;
  at: string;
  text: string;
}

/** An incident as the API, the live events and the audit show it: ISO times, with acknowledgements and notes. */
export interface IncidentSnapshot {
  id: string;
  key: string;
  kind: IncidentKind;
  subject?: string;
  title: string;
  status: Status;
  worst: 'degraded' | 'down';
  openedAt: string;
  updatedAt: string;
  resolvedAt?: string;
  mergedInto?: string;
  members: Array<Omit<IncidentMember, 'joinedAt' | 'leftAt' | 'pendingMoveSince'> & { joinedAt: string; leftAt?: string }>;
  timeline: Array<{ at: string; text: string }>;
  acknowledgements: IncidentAcknowledgement[];
  notes: IncidentNote[];
}

const iso = (ms: number) => new Date(ms).toISOString();

export function toIncidentSnapshot(state: IncidentState, acknowledgements: IncidentAcknowledgement[] = [], notes: IncidentNote[] = []): IncidentSnapshot {
  return {
    id: state.id,
    key: state.key,
    kind: state.kind,
    ...(state.subject ? { subject: state.subject } : {}),
    title: state.title,
    status: state.status,
    worst: state.worst,
    openedAt: iso(state.openedAt),
    updatedAt: iso(state.updatedAt),
    ...(state.resolvedAt !== undefined ? { resolvedAt: iso(state.resolvedAt) } : {}),
    ...(state.mergedInto ? { mergedInto: state.mergedInto } : {}),
    members: state.members.map(({ pendingMoveSince: _p, joinedAt, leftAt, ...m }) => ({
      ...m,
      joinedAt: iso(joinedAt),
      ...(leftAt !== undefined ? { leftAt: iso(leftAt) } : {}),
    })),
    timeline: state.timeline.map((e) => ({ at: iso(e.at), text: e.text })),
    acknowledgements,
    notes,
  };
}
