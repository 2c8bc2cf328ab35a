import type { AppConfig } from '../config/app-config.js';

export interface ClusterTiming {
  /** How long a lease (and an instance's heartbeat) stays valid without renewal. */
  ttlMs: number;
  /** How often leases are renewed and rebalanced, and the leader lock retried. */
  renewMs: number;
}

/**
 * A dead instance's checks must be running elsewhere within two intervals: the last run before
 * the death, plus the lease TTL, plus one renewal, plus a dispatch. With TTL = 0.6 × the
 * shortest interval and renewal = TTL / 3 that is at most ~1.85 intervals.
 */
export function clusterTiming(intervalsMs: readonly number[], env: NodeJS.ProcessEnv = process.env): ClusterTiming {
  const shortest = intervalsMs.length ? Math.min(...intervalsMs) : 30_000;
  const fromEnv = Number(env.LEASE_TTL_MS);
  const ttlMs = Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : Math.max(600, Math.round(shortest * 0.6));
  return { ttlMs, renewMs: Math.max(200, Math.round(ttlMs / 3)) };
}

/** Clustering needs a shared server: the embedded database is one process's own. */
export const isClustered = (config: AppConfig) => Boolean(config.databaseUrl);
