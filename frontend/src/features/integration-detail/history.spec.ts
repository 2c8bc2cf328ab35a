import { describe, expect, it } from 'vitest';
import type { HistoryResult } from '../../api/types';
import { latencySeries, latencyStats, statusSegments } from './history';

const t = (min: number) => Date.parse('2025-11-26T07:00:00+01:00') + min * 60_000;
const iso = (min: number) => new Date(t(min)).toISOString();

describe('statusSegments', () => {
  it('begins with the status before the first change, and ends with the last', () => {
    const transitions = [
      { from: 'operational' as const, to: 'degraded' as const, at: iso(20), reasons: [] },
      { from: 'degraded' as const, to: 'down' as const, at: iso(30), reasons: [] },
    ];
    expect(statusSegments(transitions, t(0), t(60), 'down')).toEqual([
      { status: 'operational', start: t(0), end: t(20) },
      { status: 'degraded', start: t(20), end: t(30) },
      { status: 'down', start: t(30), end: t(60) },
    ]);
  });

  it('is the current status all along when nothing changed', () => {
    expect(statusSegments([], t(0), t(60), 'operational')).toEqual([{ status: 'operational', start: t(0), end: t(60) }]);
  });
});

describe('latency series', () => {
  const result = (min: number, checkId: string, ok: boolean, durationMs: number): HistoryResult => ({
    checkId, startedAt: iso(min), durationMs, ok, errorClass: ok ? null : 'timeout', stage: ok ? null : 'response', message: null,
  });

  it('turns newest-first results into oldest-first columns: one line per check, failures apart', () => {
    const s = latencySeries([result(3, 'b#0', false, 5000), result(2, 'a#0', true, 300), result(1, 'b#0', true, 40)]);
    expect(s.x).toEqual([t(1), t(2), t(3)].map((ms) => ms / 1000));
    expect(s.checkIds).toEqual(['a#0', 'b#0']);
    expect(s.ok).toEqual([
      [null, 300, null],
      [40, null, null],
    ]);
    expect(s.failed).toEqual([null, null, 5000]);
  });

  it('sums up: median, 95th percentile, slowest, failures', () => {
    const results = Array.from({ length: 100 }, (_, i) => result(i, 'a#0', i % 10 !== 0, i + 1));
    expect(latencyStats(results)).toEqual({ count: 100, failed: 10, p50: 52, p95: 96, max: 100 });
    expect(latencyStats([])).toEqual({ count: 0, failed: 0, p50: null, p95: null, max: null });
  });

  it('prepares 10,000 results in a few milliseconds', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => result(-i / 10, i % 2 ? 'a#0' : 'b#0', i % 50 !== 0, 100 + (i % 300)));
    const started = performance.now();
    const s = latencySeries(many);
    latencyStats(many);
    expect(performance.now() - started).toBeLessThan(100);
    expect(s.x).toHaveLength(10_000);
  });
});
