import { useContext, useSyncExternalStore } from 'react';
import { LiveStoreContext } from './LiveProvider';
import type { LiveState } from './live-state';

/** The current live state; re-renders on every change. */
export function useLiveState(): LiveState {
  const store = useContext(LiveStoreContext);
  if (!store) throw new Error('useLiveState needs a <LiveProvider> above it');
  return useSyncExternalStore(store.subscribe, store.getState, store.getState);
}
