import { STALE_AFTER_MS } from '@lifeline/shared';
import { reduceLive } from './live-reducer';
import type { LiveAction } from './live-reducer';
import { INITIAL_LIVE_STATE } from './live-state';
import type { LiveState } from './live-state';
import type { LiveMessage, LiveTransport } from './live-transport';

export interface LiveStore {
  getState(): LiveState;
  /** For `useSyncExternalStore`: called after every change of state. */
  subscribe(listener: () => void): () => void;
  /** Every message from the server, after the state has taken it in: for caches that refetch on events. */
  subscribeMessages(listener: (message: LiveMessage) => void): () => void;
  start(): void;
  stop(): void;
}

export interface LiveStoreOptions {
  now?: () => number;
  staleAfterMs?: number;
}

/**
 * Holds the live state for the whole app: feeds transport messages through the pure reducer,
 * performs the resync it asks for, and turns silence into STALE with one timer.
 */
export function createLiveStore(transport: LiveTransport, options: LiveStoreOptions = {}): LiveStore {
  const now = options.now ?? (() => Date.now());
  const staleAfterMs = options.staleAfterMs ?? STALE_AFTER_MS;
  const listeners = new Set<() => void>();
  const messageListeners = new Set<(message: LiveMessage) => void>();
  let state = INITIAL_LIVE_STATE;
  let staleTimer: ReturnType<typeof setTimeout> | undefined;
  let started = false;

  function dispatch(action: LiveAction): void {
    const previous = state;
    const result = reduceLive(state, action, now(), { staleAfterMs });
    state = result.state;
    if (result.requestSnapshot) transport.requestSnapshot();
    if (state.lastUpdateAt !== previous.lastUpdateAt) armStaleTimer();
    if (state !== previous) listeners.forEach((listener) => listener());
  }

  function armStaleTimer(): void {
    clearTimeout(staleTimer);
    staleTimer = setTimeout(() => dispatch({ type: 'clock' }), staleAfterMs);
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    subscribeMessages(listener) {
      messageListeners.add(listener);
      return () => messageListeners.delete(listener);
    },
    start() {
      if (started) return;
      started = true;
      transport.open({
        message: (message) => {
          dispatch(message);
          messageListeners.forEach((listener) => listener(message));
        },
        connection: (up) => dispatch({ type: up ? 'connected' : 'disconnected' }),
        refused: () => dispatch({ type: 'refused' }),
      });
    },
    stop() {
      if (!started) return;
      started = false;
      clearTimeout(staleTimer);
      transport.close();
    },
  };
}
