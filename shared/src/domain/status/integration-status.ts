import type { Status } from '../../contracts/words.js';
import { worstStatus } from '../../contracts/words.js';
import type { CheckState } from './check-status.js';

export interface IntegrationStatus {
  status: Status;
  latencyMs: number | null;
  lastCheckedAt: number | null;
  reasons: string[];
}

/** An integration is as bad as its worst check; its latency is the slowest check's last answer. */
export function combineChecks(checks: readonly CheckState[]): IntegrationStatus {
  const status = worstStatus(checks.map((c) => c.status));
  const latencies = checks.flatMap((c) => (c.last?.ok ? [c.last.durationMs] : []));
  const times = checks.flatMap((c) => (c.last ? [c.last.startedAt + c.last.durationMs] : []));
  const reasons = checks.filter((c) => c.status === status).flatMap((c) => c.reasons);
  return {
    status,
    latencyMs: latencies.length ? Math.round(Math.max(...latencies)) : null,
    lastCheckedAt: times.length ? Math.max(...times) : null,
    reasons,
  };
}

/** Keeps `since` at the moment the integration entered its current status. */
export function sinceFor(prev: { status: Status; since: number } | undefined, status: Status, now: number): number {
  return prev && prev.status === status ? prev.since : now;
}
