import type { IncidentSnapshot } from './incident.js';
import type { HistoryStoreState, IntegrationSnapshot, Snapshot, Verdict } from './snapshot.js';

/** The Socket.IO namespace of the live view. */
export const LIVE_NAMESPACE = '/live';
/** Seconds between `tick` events; a screen that misses two calls itself STALE. */
export const TICK_INTERVAL_MS = 5_000;
export const STALE_AFTER_MS = 2 * TICK_INTERVAL_MS + 2_000;

export interface IntegrationUpdatedEvent {
  seq: number;
  integration: IntegrationSnapshot;
}
/** What changes between status changes, for many integrations at once: sent before each tick. */
export type IntegrationRefresh = Pick<IntegrationSnapshot, 'id' | 'latencyMs' | 'lastCheckedAt' | 'reasons' | 'delay'>;
export interface IntegrationsRefreshedEvent {
  seq: number;
  integrations: IntegrationRefresh[];
}

/** An integration with a refresh applied: status and the rest stay; a delay absent from the refresh is gone. */
export function applyRefresh(i: IntegrationSnapshot, r: IntegrationRefresh): IntegrationSnapshot {
  const { delay: _previous, ...rest } = i;
  return { ...rest, latencyMs: r.latencyMs, lastCheckedAt: r.lastCheckedAt, reasons: r.reasons, ...(r.delay !== undefined ? { delay: r.delay } : {}) };
}
export interface VerdictUpdatedEvent {
  seq: number;
  verdict: Verdict;
}
export interface IncidentEvent {
  seq: number;
  incident: IncidentSnapshot;
}
export interface TickEvent {
  seq: number;
  serverTime: string;
  /** The history store's state at this tick (the snapshot's field, kept current). */
  historyStore?: HistoryStoreState;
}

/** Server → client events of `/live`; every one carries a monotonically increasing `seq`. */
export interface LiveServerEvents {
  snapshot: (snapshot: Snapshot) => void;
  'integration.updated': (event: IntegrationUpdatedEvent) => void;
  'integrations.refreshed': (event: IntegrationsRefreshedEvent) => void;
  'verdict.updated': (event: VerdictUpdatedEvent) => void;
  'incident.opened': (event: IncidentEvent) => void;
  'incident.updated': (event: IncidentEvent) => void;
  'incident.resolved': (event: IncidentEvent) => void;
  tick: (event: TickEvent) => void;
}

/** Client → server: a client that saw a gap in `seq` asks for a fresh snapshot. */
export interface LiveClientEvents {
  'snapshot.request': () => void;
}

export const LIVE_EVENTS = ['snapshot', 'integration.updated', 'integrations.refreshed', 'verdict.updated', 'incident.opened', 'incident.updated', 'incident.resolved', 'tick'] as const satisfies readonly (keyof LiveServerEvents)[];
