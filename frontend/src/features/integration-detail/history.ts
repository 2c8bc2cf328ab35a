import type { Status } from '@lifeline/shared';
import type { HistoryResult, HistoryTransition } from '../../api/types';

export const RANGES = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000 } as const;
export type Range = keyof typeof RANGES;

export interface Segment {
  status: Status;
  start: number;
  end: number;
}

/**
 * The status over [from, to] as segments: before the first transition in the window the
 * status is that transition's `from`; with none, the current status held all along.
 */
export function statusSegments(transitions: readonly HistoryTransition[], from: number, to: number, current: Status): Segment[] {
  const changes = transitions.map((tr) => ({ at: Date.parse(tr.at), from: tr.from, to: tr.to })).filter((c) => Number.isFinite(c.at) && c.at <= to);
  const segments: Segment[] = [];
  let status: Status = changes[0]?.from ?? current;
  let start = from;
  for (const c of changes) {
    const at = Math.max(from, c.at);
    if (at > start) segments.push({ status, start, end: at });
    status = c.to;
    start = at;
  }
  if (to > start) segments.push({ status, start, end: to });
  return segments;
}

export interface LatencySeries {
  /** Seconds since epoch, ascending (uPlot's x). */
  x: number[];
  /** One array per check: latency of successful results, null elsewhere. */
  ok: Array<Array<number | null>>;
  /** Latency (time to failure) of failed results, null elsewhere. */
  failed: Array<number | null>;
  checkIds: string[];
}

/** Results (newest first, as the API sends them) → aligned arrays for the chart, oldest first. */
export function latencySeries(results: readonly HistoryResult[]): LatencySeries {
  const checkIds = [...new Set(results.map((r) => r.checkId))].sort();
  const column = new Map(checkIds.map((id, i) => [id, i]));
  const n = results.length;
  const x = new Array<number>(n);
  const ok = checkIds.map(() => new Array<number | null>(n).fill(null));
  const failed = new Array<number | null>(n).fill(null);
  for (let k = 0; k < n; k++) {
    const r = results[n - 1 - k];
    x[k] = Date.parse(r.startedAt) / 1000;
    if (r.ok) ok[column.get(r.checkId)!][k] = r.durationMs;
    else failed[k] = r.durationMs;
  }
  return { x, ok, failed, checkIds };
}

export interface LatencyStats {
  count: number;
  failed: number;
  p50: number | null;
  p95: number | null;
  max: number | null;
}

export function latencyStats(results: readonly HistoryResult[]): LatencyStats {
  const ok = results.filter((r) => r.ok).map((r) => r.durationMs).sort((a, b) => a - b);
  const at = (q: number) => (ok.length ? ok[Math.min(ok.length - 1, Math.floor(q * ok.length))] : null);
  return { count: results.length, failed: results.length - ok.length, p50: at(0.5), p95: at(0.95), max: ok.length ? ok[ok.length - 1] : null };
}
