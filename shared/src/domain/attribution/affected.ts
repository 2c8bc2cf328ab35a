import type { Status } from '../../contracts/words.js';
import type { CheckState } from '../status/check-status.js';

/** Degraded or down: the two statuses that count as a failure (unknown and maintenance do not). */
export function isAffected(status: Status): status is 'degraded' | 'down' {
  return status === 'degraded' || status === 'down';
}

/** The little history attribution needs about one integration. */
export interface RecentFailure {
  status: Status;
  /** Epoch ms when it was last degraded or down, if ever (kept with `updateLastAffectedAt`). */
  lastAffectedAt?: number;
  /** Failing or slow answers that hysteresis has not yet turned into degraded or down. */
  suspect?: boolean;
}

/**
 * Failing now, or recovered less than `windowMs` ago (a link recovered exactly `windowMs` ago no
 * longer counts). Maintenance never counts.
 */
export function affectedWithin(item: RecentFailure, now: number, windowMs: number): boolean {
  if (item.status === 'maintenance') return false;
  if (isAffected(item.status)) return true;
  return item.lastAffectedAt !== undefined && item.lastAffectedAt <= now && now - item.lastAffectedAt < windowMs;
}

/** Showing trouble: affected within the window, or already answering badly (suspect). */
export function troubledWithin(item: RecentFailure, now: number, windowMs: number): boolean {
  return item.status !== 'maintenance' && (affectedWithin(item, now, windowMs) || item.suspect === true);
}

/**
 * Keeps `lastAffectedAt` for the next evaluation: `now` while degraded or down, otherwise the
 * previous value (so after a recovery it holds the last moment the integration was failing).
 */
export function updateLastAffectedAt(previous: number | undefined, status: Status, now: number): number | undefined {
  return isAffected(status) ? now : previous;
}

/**
 * True when some check has failed or answered slowly at least once in a row but hysteresis has
 * not (yet) changed the status: the earliest sign of a wave, used only to count towards the
 * perimeter rule, never to attribute or to open an incident.
 */
export function isSuspect(checks: readonly Pick<CheckState, 'failures' | 'slows'>[]): boolean {
  return checks.some((c) => c.failures > 0 || c.slows > 0);
}
