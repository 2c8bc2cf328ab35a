/**
 * Pure timing rules of the scheduler. Every check gets a stable phase inside its interval
 * (from a hash of its id), so thousands of checks never fire in the same instant, while the
 * very first run of each is spread over the first few seconds so a fresh start shows a
 * picture quickly.
 */
export const FIRST_RUN_SPREAD_MS = 3_000;

export function phaseOf(checkId: string, intervalMs: number): number {
  let h = 2166136261;
  for (let i = 0; i < checkId.length; i++) {
    h ^= checkId.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) % intervalMs;
}

export function firstRunAt(checkId: string, intervalMs: number, startedAt: number): number {
  return startedAt + (phaseOf(checkId, intervalMs) % Math.min(intervalMs, FIRST_RUN_SPREAD_MS));
}

/**
 * The check's next phase slot, never sooner than half an interval after the last run started
 * (a run off its phase, such as the first after a takeover, must not be followed at once).
 */
export function nextRunAt(checkId: string, intervalMs: number, lastStartedAt: number, now: number): number {
  const earliest = Math.max(lastStartedAt + intervalMs / 2, now);
  const phase = phaseOf(checkId, intervalMs);
  const k = Math.ceil((earliest - phase) / intervalMs);
  return phase + k * intervalMs;
}
