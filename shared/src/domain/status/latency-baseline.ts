/**
 * A check's own latency baseline, as pure functions of (window, observation, now):
 *
 *   recordLatency(window, obs): LatencyWindow      adds a successful answer, forgets old ones
 *   latencyBaseline(window, now): number | undefined   the median of the last hour, once it knows enough
 *   slowAgainstBaseline(durationMs, baselineMs, factor?): string | undefined   why an answer is slow
 *
 * "Slow" is then detected without an absolute threshold: an answer that takes more than `factor`
 * times the usual (default 3) counts as slow, and the check's usual hysteresis turns a run of
 * them into `degraded`. Every successful answer enters the window, slow ones too, so a lasting
 * change becomes the new usual once it is most of the last hour.
 */
import type { Observation } from '../../contracts/observation.js';

export const LATENCY_BASELINE = {
  /** Samples older than this are forgotten. */
  windowMs: 3_600_000,
  /** At most this many samples are kept (the newest). */
  maxSamples: 240,
  /** Fewer samples than this: no baseline, nothing is judged against it. */
  minSamples: 10,
  /** `degradedAboveBaseline` when the catalog does not set it. */
  defaultFactor: 3,
  /**
   * An answer must also be this much slower than the usual, in absolute terms: a link that
   * usually answers in 5 ms is not slow to anyone at 300 ms, and the monitor's own hiccups (a
   * busy event loop adds a few hundred ms to every answer at once) must not turn the wall yellow.
   */
  minExcessMs: 500,
} as const;

export interface LatencySample {
  /** Epoch ms when the answer came in. */
  at: number;
  ms: number;
}

/** The recent successful latencies of one check, oldest first. */
export type LatencyWindow = readonly LatencySample[];

export const EMPTY_LATENCY_WINDOW: LatencyWindow = [];

/** The window with `obs` added when it succeeded; samples older than an hour before it, or beyond the cap, are dropped. */
export function recordLatency(window: LatencyWindow, obs: Observation): LatencyWindow {
  if (!obs.ok || !Number.isFinite(obs.durationMs)) return window;
  const at = obs.startedAt + obs.durationMs;
  const from = at - LATENCY_BASELINE.windowMs;
  const kept = window.filter((s) => s.at > from);
  kept.push({ at, ms: obs.durationMs });
  return kept.length > LATENCY_BASELINE.maxSamples ? kept.slice(kept.length - LATENCY_BASELINE.maxSamples) : kept;
}

/** The median latency of the last hour before `now`; undefined with fewer than `minSamples` samples. */
export function latencyBaseline(window: LatencyWindow, now: number): number | undefined {
  const from = now - LATENCY_BASELINE.windowMs;
  const recent = window.filter((s) => s.at > from && s.at <= now).map((s) => s.ms);
  if (recent.length < LATENCY_BASELINE.minSamples) return undefined;
  recent.sort((a, b) => a - b);
  const mid = recent.length >> 1;
  return recent.length % 2 === 1 ? recent[mid] : (recent[mid - 1] + recent[mid]) / 2;
}

/**
 * Why an answer is slow against the baseline, in plain words ("slow: 2300 ms, 4.1× the usual
 * 560 ms"), or undefined when it is not: it must be more than `factor` times the baseline and
 * at least `minExcessMs` (500 ms) above it. Without a baseline nothing is slow.
 */
export function slowAgainstBaseline(durationMs: number, baselineMs: number | undefined, factor: number = LATENCY_BASELINE.defaultFactor): string | undefined {
  if (baselineMs === undefined || !(baselineMs >= 0)) return undefined;
  if (durationMs <= factor * baselineMs || durationMs - baselineMs < LATENCY_BASELINE.minExcessMs) return undefined;
  const ratio = baselineMs > 0 ? `${(durationMs / baselineMs).toFixed(1)}×` : 'many times';
  return `slow: ${Math.round(durationMs)} ms, ${ratio} the usual ${Math.round(baselineMs)} ms`;
}
