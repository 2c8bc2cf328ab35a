/**
 * How fresh a pushed heartbeat is, as pure functions of (rules, last heartbeat, now, time zone):
 *
 *   heartbeatExpectation(rules, now, timeZone): the cadence expected now, and since when
 *   judgeHeartbeat(rules, last, usualCadenceMs, now, timeZone): fresh | late | stale, in plain words
 *   usualCadence(times): the median interval between heartbeats
 *
 * Freshness is measured from the partner's last business message (`lastMessageAt`) when it says
 * so, else from when the heartbeat arrived. Older than `expectEvery` is late (degraded), older
 * than `downAfter` is stale (a failure). When the schedule switches to the stricter cadence
 * (business hours open after a quiet night), the silence is counted from that moment: a feed
 * quiet all night is not down at 08:00 sharp, but late at 08:05 if nothing came by then.
 */
import { HEARTBEAT_DEFAULT_DOWN_FACTOR, type HeartbeatSchedule } from '../../contracts/checks/heartbeat.js';
import { businessHoursChangedAt, inBusinessHours } from './business-hours.js';

export interface HeartbeatRules {
  expectEvery: number;
  downAfter?: number;
  schedule?: HeartbeatSchedule;
  maxQueueDepth?: number;
}

/** One heartbeat as received: epoch ms. */
export interface HeartbeatRecord {
  receivedAt: number;
  /** When the partner's last business message was, by its own account. */
  lastMessageAt?: number;
  queueDepth?: number;
}

export interface HeartbeatExpectation {
  expectEveryMs: number;
  downAfterMs: number;
  /** When the current, stricter cadence began: the silence counts from then. Undefined when no grace applies. */
  since?: number;
}

export type HeartbeatJudgement =
  | { freshness: 'fresh' | 'late'; warning?: string; facts: Record<string, number> }
  | { freshness: 'stale'; message: string; facts: Record<string, number> };

export function heartbeatExpectation(rules: HeartbeatRules, now: number, timeZone: string): HeartbeatExpectation {
  const factor = rules.downAfter !== undefined ? rules.downAfter / rules.expectEvery : HEARTBEAT_DEFAULT_DOWN_FACTOR;
  if (!rules.schedule) return { expectEveryMs: rules.expectEvery, downAfterMs: Math.round(rules.expectEvery * factor) };
  const { businessHours, expectEveryOutside } = rules.schedule;
  const open = inBusinessHours(businessHours, now, timeZone);
  const [every, other] = open ? [rules.expectEvery, expectEveryOutside] : [expectEveryOutside, rules.expectEvery];
  // Going to a more lenient cadence needs no grace: the allowance only grows.
  const since = every < other ? businessHoursChangedAt(businessHours, now, timeZone) : undefined;
  return { expectEveryMs: every, downAfterMs: Math.round(every * factor), ...(since !== undefined ? { since } : {}) };
}

/** When the data was last fresh: the partner's last message, never later than the heartbeat that reported it. */
export function freshAt(last: HeartbeatRecord): number {
  return last.lastMessageAt === undefined ? last.receivedAt : Math.min(last.lastMessageAt, last.receivedAt);
}

/** `42 min`, `5 s`, `3 h`: an age or a cadence as people say it. */
export function formatAge(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 90_000) return `${Math.round(ms / 1_000)} s`;
  if (ms < 90 * 60_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 48 * 3_600_000) return `${Math.round(ms / 3_600_000)} h`;
  return `${Math.round(ms / 86_400_000)} days`;
}

export function judgeHeartbeat(
  rules: HeartbeatRules,
  last: HeartbeatRecord | undefined,
  usualCadenceMs: number | undefined,
  now: number,
  timeZone: string,
): HeartbeatJudgement {
  const expected = heartbeatExpectation(rules, now, timeZone);
  const facts: Record<string, number> = { expectEveryMs: expected.expectEveryMs };
  if (usualCadenceMs !== undefined) facts.usualCadenceMs = usualCadenceMs;
  if (!last) return { freshness: 'stale', message: 'no message received yet', facts };
  const at = freshAt(last);
  const ageMs = Math.max(0, now - at);
  facts.ageMs = ageMs;
  if (last.queueDepth !== undefined) facts.queueDepth = last.queueDepth;
  // The silence that counts against the current cadence starts no earlier than that cadence did.
  const silentMs = now - Math.max(at, expected.since ?? at);
  const cadence = usualCadenceMs !== undefined ? `usually every ${formatAge(usualCadenceMs)}` : `expected every ${formatAge(expected.expectEveryMs)}`;
  const words = `last message ${formatAge(ageMs)} ago, ${cadence}`;
  if (silentMs > expected.downAfterMs) return { freshness: 'stale', message: words, facts };
  const queue =
    rules.maxQueueDepth !== undefined && last.queueDepth !== undefined && last.queueDepth > rules.maxQueueDepth
      ? `queue depth ${last.queueDepth}, above ${rules.maxQueueDepth}`
      : undefined;
  const late = silentMs > expected.expectEveryMs ? words : undefined;
  const warning = [late, queue].filter((w) => w !== undefined).join('; ');
  return warning ? { freshness: late ? 'late' : 'fresh', warning, facts } : { freshness: 'fresh', facts };
}

/** The median interval between the given heartbeat times (any order; repeats ignored); undefined with fewer than two. */
export function usualCadence(times: readonly number[]): number | undefined {
  const sorted = [...new Set(times)].sort((a, b) => a - b);
  const gaps = sorted.slice(1).map((t, i) => t - sorted[i]);
  if (gaps.length === 0) return undefined;
  gaps.sort((a, b) => a - b);
  const mid = gaps.length >> 1;
  return gaps.length % 2 === 1 ? gaps[mid] : Math.round((gaps[mid - 1] + gaps[mid]) / 2);
}
