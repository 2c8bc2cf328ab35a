import type { Snapshot } from '@lifeline/shared';

/**
 * How fresh the screen's data is; anything but `live` means "do not trust what you see as current".
 * `refused`: the server turned the connection down (401): not signed in, or the kiosk token was revoked.
 */
export const CONNECTION_STATES = ['connecting', 'live', 'stale', 'offline', 'refused'] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

export interface LiveState {
  /** The latest server state, patched by events; null until the first snapshot. */
  snapshot: Snapshot | null;
  connection: ConnectionState;
  /** Client time (ms) of the last event accepted from the server; null before the first. */
  lastUpdateAt: number | null;
  /** Server clock minus client clock (ms), measured on each snapshot and tick. */
  serverOffsetMs: number;
  /** The `seq` of the last event applied; null before the first snapshot. */
  lastSeq: number | null;
  /** Client time (ms) a fresh snapshot was asked for and has not arrived yet. */
  resyncRequestedAt: number | null;
}

export const INITIAL_LIVE_STATE: LiveState = {
  snapshot: null,
  connection: 'connecting',
  lastUpdateAt: null,
  serverOffsetMs: 0,
  lastSeq: null,
  resyncRequestedAt: null,
};

/** True only when what the screen shows can be presented as the current state. */
export function isCurrent(state: LiveState): boolean {
  return state.connection === 'live' && state.snapshot !== null;
}
