import { useCallback, useContext, useEffect, useSyncExternalStore } from 'react';
import { LiveStoreContext } from '../live/LiveProvider';
import type { LiveMessage } from '../live/live-transport';
import { ApiContext } from './ApiProvider';
import type { Api } from './ApiProvider';
import type { QueryEntry } from './query-cache';

export interface QueryOptions<T> {
  /** Live messages after which the data may have changed: refetch (coalesced over `coalesceMs`). */
  refetchOn?: (message: LiveMessage) => boolean;
  /** Or patch the cached data straight from the message; return undefined to leave it. */
  patch?: (data: T, message: LiveMessage) => T | undefined;
  coalesceMs?: number;
}

const DEFAULT_COALESCE_MS = 300;
const NO_ENTRY: QueryEntry = { loading: false };

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi needs an <ApiProvider> above it');
  return api;
}

/**
 * Data from `GET key` (null: nothing to fetch yet), kept in the app's query cache and kept
 * fresh by the live stream: after a reconnect's snapshot it is always refetched.
 */
export function useQuery<T>(key: string | null, options: QueryOptions<T> = {}): QueryEntry<T> & { refetch: () => void } {
  const { cache } = useApi();
  const live = useContext(LiveStoreContext);
  const { refetchOn, patch, coalesceMs = DEFAULT_COALESCE_MS } = options;

  const subscribe = useCallback((listener: () => void) => (key ? cache.subscribe(key, listener) : () => {}), [cache, key]);
  const read = useCallback(() => (key ? cache.read<T>(key) : (NO_ENTRY as QueryEntry<T>)), [cache, key]);
  const entry = useSyncExternalStore(subscribe, read, read);

  useEffect(() => {
    if (key) cache.load(key);
  }, [cache, key]);

  useEffect(() => {
    if (!key || !live) return;
    return live.subscribeMessages((message) => {
      // A snapshot means (re)connected or resynced: what we hold may be old, unless a request is on its way now.
      if (message.type === 'snapshot') return cache.read(key).loading ? undefined : cache.invalidate(key, coalesceMs);
      if (patch) {
        const data = cache.read<T>(key).data;
        const patched = data === undefined ? undefined : patch(data, message);
        if (patched !== undefined) cache.set<T>(key, () => patched);
      }
      if (refetchOn?.(message)) cache.invalidate(key, coalesceMs);
    });
    // Pass `refetchOn` and `patch` as stable (module-level) functions, or this resubscribes per render.
  }, [cache, live, key, refetchOn, patch, coalesceMs]);

  const refetch = useCallback(() => key && cache.load(key, true), [cache, key]);
  return { ...entry, refetch };
}
