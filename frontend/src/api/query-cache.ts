import type { ApiClient } from './api-client';

export interface QueryEntry<T = unknown> {
  data?: T;
  error?: Error;
  /** True while a request for this key is in flight (data may still be there from before). */
  loading: boolean;
}

export interface QueryCache {
  read<T>(key: string): QueryEntry<T>;
  subscribe(key: string, listener: () => void): () => void;
  /** Fetches unless fresh data or a request is already there (`force` refetches). */
  load(key: string, force?: boolean): void;
  /** Refetches `key` after `delayMs`, coalescing bursts of events into one request. */
  invalidate(key: string, delayMs?: number): void;
  /** Replaces the cached data (a live event or a mutation answer patches it). */
  set<T>(key: string, update: (data: T | undefined) => T | undefined): void;
}

const EMPTY: QueryEntry = { loading: false };

/**
 * Server state by key (the API path): one request per key at a time, shared by every
 * component that reads it, and refetched when live events say it changed.
 */
export function createQueryCache(client: ApiClient): QueryCache {
  const entries = new Map<string, QueryEntry>();
  const listeners = new Map<string, Set<() => void>>();
  const inFlight = new Map<string, AbortController>();
  const again = new Set<string>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  function write(key: string, entry: QueryEntry): void {
    entries.set(key, entry);
    listeners.get(key)?.forEach((l) => l());
  }

  function fetchNow(key: string): void {
    if (inFlight.has(key)) {
      again.add(key); // changed while we were asking: ask once more when this answer is in
      return;
    }
    const controller = new AbortController();
    inFlight.set(key, controller);
    write(key, { ...(entries.get(key) ?? EMPTY), loading: true });
    client.get(key, controller.signal).then(
      (data) => done(key, { data, loading: false }),
      (error: Error) => done(key, { data: entries.get(key)?.data, error, loading: false }),
    );
  }

  function done(key: string, entry: QueryEntry): void {
    inFlight.delete(key);
    write(key, entry);
    if (again.delete(key)) fetchNow(key);
  }

  return {
    read: <T>(key: string) => (entries.get(key) ?? EMPTY) as QueryEntry<T>,
    subscribe(key, listener) {
      let set = listeners.get(key);
      if (!set) listeners.set(key, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
    load(key, force = false) {
      const entry = entries.get(key);
      if (!force && (inFlight.has(key) || (entry && (entry.data !== undefined || entry.error)))) return;
      fetchNow(key);
    },
    invalidate(key, delayMs = 0) {
      if (!entries.has(key) || timers.has(key)) return; // nobody asked for it yet, or already due
      if (delayMs <= 0) return fetchNow(key);
      timers.set(key, setTimeout(() => (timers.delete(key), fetchNow(key)), delayMs));
    },
    set<T>(key: string, update: (data: T | undefined) => T | undefined) {
      const entry = (entries.get(key) ?? EMPTY) as QueryEntry<T>;
      write(key, { ...entry, data: update(entry.data) });
    },
  };
}
