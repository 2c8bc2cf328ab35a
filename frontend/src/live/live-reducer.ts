import { applyRefresh, STALE_AFTER_MS, TICK_INTERVAL_MS } from '@lifeline/shared';
import type { IncidentSnapshot, IntegrationRefresh, IntegrationSnapshot, Snapshot } from '@lifeline/shared';
import type { LiveState } from './live-state';
import type { LiveMessage } from './live-transport';

/** How long to wait for a requested snapshot before asking again on the next gap. */
export const RESYNC_RETRY_MS = TICK_INTERVAL_MS;

export type LiveAction = LiveMessage | { type: 'connected' } | { type: 'disconnected' } | { type: 'refused' } | { type: 'clock' };

export interface Reduction {
  state: LiveState;
  /** Ask the server for a fresh snapshot (a `seq` gap, or events before any snapshot). */
  requestSnapshot: boolean;
}

export interface ReduceOptions {
  staleAfterMs?: number;
}

/**
 * Applies one live event or connection change to the state. Pure: the time is an argument,
 * and the one side effect it may call for (a resync) is returned, not performed.
 */
export function reduceLive(state: LiveState, action: LiveAction, now: number, options: ReduceOptions = {}): Reduction {
  const staleAfterMs = options.staleAfterMs ?? STALE_AFTER_MS;
  switch (action.type) {
    case 'connected':
      // Connected again, but nothing is current until the server's fresh snapshot arrives.
      return keep({ ...state, connection: 'connecting' });
    case 'disconnected':
      return keep(state.connection === 'offline' ? state : { ...state, connection: 'offline' });
    case 'refused':
      return keep(state.connection === 'refused' ? state : { ...state, connection: 'refused' });
    case 'clock': {
      const silent = state.lastUpdateAt === null || now - state.lastUpdateAt >= staleAfterMs;
      return keep(state.connection === 'live' && silent ? { ...state, connection: 'stale' } : state);
    }
    case 'snapshot':
      return keep(applySnapshot(state, action.snapshot, now));
    default:
      return applyDelta(state, action, now);
  }
}

function keep(state: LiveState): Reduction {
  return { state, requestSnapshot: false };
}

function applySnapshot(state: LiveState, received: Snapshot, now: number): LiveState {
  // A backend from before incidents sends none: an empty list, so views need not guard.
  const snapshot = Array.isArray(received.incidents) ? received : { ...received, incidents: [] };
  return {
    snapshot,
    connection: 'live',
    lastUpdateAt: now,
    serverOffsetMs: offset(snapshot.serverTime, now, state.serverOffsetMs),
    lastSeq: snapshot.seq,
    resyncRequestedAt: null,
  };
}

type Delta = Exclude<LiveMessage, { type: 'snapshot' }>;

function applyDelta(state: LiveState, delta: Delta, now: number): Reduction {
  const seq = delta.event?.seq;
  if (typeof seq !== 'number' || !Number.isFinite(seq)) return keep(state);
  if (state.snapshot === null || state.lastSeq === null) return resync(state, now);
  if (seq === state.lastSeq) return keep(state); // a duplicate
  if (seq < state.lastSeq) return resync(state, now); // the sequence went back: our copy is of another epoch

  const snapshot = patch(state.snapshot, delta);
  const next: LiveState = {
    ...state,
    snapshot,
    lastSeq: seq,
    lastUpdateAt: now,
    // A delta proves the link is alive; after a reconnect only a snapshot makes the data current.
    connection: state.connection === 'stale' ? 'live' : state.connection,
    serverOffsetMs: delta.type === 'tick' ? offset(delta.event.serverTime, now, state.serverOffsetMs) : state.serverOffsetMs,
  };
  // A gap: apply what we got (it is newer than what we had) and ask for the whole picture.
  return seq === state.lastSeq + 1 ? keep(next) : resync(next, now);
}

function resync(state: LiveState, now: number): Reduction {
  const pending = state.resyncRequestedAt !== null && now - state.resyncRequestedAt < RESYNC_RETRY_MS;
  if (pending) return keep(state);
  return { state: { ...state, resyncRequestedAt: now }, requestSnapshot: true };
}

function patch(snapshot: Snapshot, delta: Delta): Snapshot {
  switch (delta.type) {
    case 'integration.updated':
      return { ...snapshot, integrations: upsert(snapshot.integrations, delta.event.integration) };
    case 'integrations.refreshed':
      return { ...snapshot, integrations: refresh(snapshot.integrations, delta.event.integrations) };
    case 'verdict.updated':
      return { ...snapshot, verdict: delta.event.verdict };
    case 'incident.opened':
    case 'incident.updated':
      return { ...snapshot, incidents: upsert(snapshot.incidents, delta.event.incident) };
    case 'incident.resolved':
      // Resolved is closed: the snapshot lists open incidents only.
      return { ...snapshot, incidents: snapshot.incidents.filter((i) => i.id !== delta.event.incident.id) };
    case 'tick':
      return { ...snapshot, serverTime: delta.event.serverTime, ...(delta.event.historyStore ? { historyStore: delta.event.historyStore } : {}) };
  }
}

function upsert<T extends IntegrationSnapshot | IncidentSnapshot>(list: readonly T[], item: T): T[] {
  const index = list.findIndex((i) => i.id === item.id);
  if (index === -1) return [...list, item];
  return list.map((existing, i) => (i === index ? item : existing));
}

/** Latency, freshness and wording of known integrations; their status stays as it is. */
function refresh(list: readonly IntegrationSnapshot[], changes: readonly IntegrationRefresh[]): IntegrationSnapshot[] {
  const byId = new Map(changes.map((c) => [c.id, c]));
  return list.map((existing) => {
    const c = byId.get(existing.id);
    return c ? applyRefresh(existing, c) : existing;
  });
}

function offset(serverTime: string, now: number, fallback: number): number {
  const server = Date.parse(serverTime);
  return Number.isFinite(server) ? server - now : fallback;
}
