import { describe, expect, it } from 'vitest';
import type { Observation } from '../../contracts/observation.js';
import { initialCheckState, nextCheckState, type CheckRules, type CheckState } from './check-status.js';
import { EMPTY_LATENCY_WINDOW, LATENCY_BASELINE, latencyBaseline, recordLatency, slowAgainstBaseline, type LatencyWindow } from './latency-baseline.js';

const T0 = Date.parse('2026-03-02T07:00:00Z');
const MIN = 60_000;

function obs(startedAt: number, durationMs: number, ok = true): Observation {
  return { checkId: 'insurer#0', startedAt, durationMs, ok, ...(ok ? {} : { failure: { stage: 'response', errorClass: 'timeout', message: 'no answer' } }) };
}

/** A window fed `latencies`, one a minute from T0; the last answer ends at the returned `end`. */
function windowOf(latencies: readonly number[], every = MIN): { window: LatencyWindow; end: number } {
  let window = EMPTY_LATENCY_WINDOW;
  latencies.forEach((ms, i) => (window = recordLatency(window, obs(T0 + i * every, ms))));
  return { window, end: T0 + (latencies.length - 1) * every + (latencies.at(-1) ?? 0) };
}

describe('latencyBaseline: the median of the last hour, once there are enough samples', () => {
  it.each<[string, number[], number | undefined]>([
    ['no samples', [], undefined],
    ['9 samples (one short)', Array(9).fill(500), undefined],
    ['10 samples (just enough)', Array(10).fill(500), 500],
    ['odd count: the middle one', [100, 900, 500, 300, 700, 200, 800, 400, 600, 1000, 550], 550],
    ['even count: the mean of the two middle ones', [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000], 550],
    ['a few outliers do not move it', [560, 560, 560, 9000, 560, 560, 560, 9000, 560, 560, 560], 560],
  ])('%s', (_, latencies, expected) => {
    const { window, end } = windowOf(latencies);
    expect(latencyBaseline(window, end)).toBe(expected);
  });

  it('forgets samples older than an hour', () => {
    const { window, end } = windowOf(Array(12).fill(500), 5 * MIN);
    // 12 samples 5 min apart: at the end, those more than an hour old no longer count.
    expect(latencyBaseline(window, end)).toBe(500);
    expect(latencyBaseline(window, end + 15 * MIN)).toBeUndefined();
  });

  it('ignores failed answers', () => {
    let window = windowOf(Array(9).fill(500)).window;
    window = recordLatency(window, obs(T0 + 10 * MIN, 10_000, false));
    expect(window).toHaveLength(9);
    expect(latencyBaseline(window, T0 + 11 * MIN)).toBeUndefined();
  });

  it(`keeps at most ${LATENCY_BASELINE.maxSamples} samples, the newest`, () => {
    const latencies = [...Array(100).fill(5000), ...Array(LATENCY_BASELINE.maxSamples).fill(100)];
    const { window, end } = windowOf(latencies, 10_000);
    expect(window).toHaveLength(LATENCY_BASELINE.maxSamples);
    expect(latencyBaseline(window, end)).toBe(100);
  });

  it('leaves the window it was given untouched', () => {
    const { window } = windowOf([100, 200]);
    const copy = structuredClone(window);
    recordLatency(window, obs(T0 + 5 * MIN, 300));
    expect(window).toEqual(copy);
  });
});

describe('slowAgainstBaseline: more than k × the usual, and at least 500 ms more', () => {
  it.each<[string, number, number | undefined, number | undefined, string | undefined]>([
    // latency, baseline, factor, reason
    ['no baseline yet', 9000, undefined, undefined, undefined],
    ['exactly 3× is not slow', 1680, 560, undefined, undefined],
    ['1 ms above 3× is slow', 1681, 560, undefined, 'slow: 1681 ms, 3.0× the usual 560 ms'],
    ['the example', 2300, 560, undefined, 'slow: 2300 ms, 4.1× the usual 560 ms'],
    ['factor 2: 2× is not slow', 1120, 560, 2, undefined],
    ['factor 2: above 2× is slow', 1121, 560, 2, 'slow: 1121 ms, 2.0× the usual 560 ms'],
    ['a fast link: 25× but only 499 ms more is not slow', 519, 20, undefined, undefined],
    ['a fast link: 500 ms more is slow', 520, 20, undefined, 'slow: 520 ms, 26.0× the usual 20 ms'],
    ['a baseline of 0 ms', 600, 0, undefined, 'slow: 600 ms, many times the usual 0 ms'],
    ['latencies are rounded', 2300.4, 559.6, undefined, 'slow: 2300 ms, 4.1× the usual 560 ms'],
  ])('%s', (_, latency, baseline, factor, expected) => expect(slowAgainstBaseline(latency, baseline, factor)).toBe(expected));
});

describe('nextCheckState with a baseline (no absolute threshold)', () => {
  const rules: CheckRules = { interval: 30_000, timeout: 10_000, failuresToDown: 2, successesToRecover: 2 };

  /** Feeds latencies with the same baseline each time; returns the states. */
  function run(latencies: readonly number[], baselineMs: number | undefined, r: CheckRules = rules): CheckState[] {
    let state = initialCheckState(T0);
    return latencies.map((ms, i) => (state = nextCheckState(state, obs(T0 + i * r.interval, ms), r, baselineMs)));
  }

  it.each<[string, number[], number | undefined, Partial<CheckRules>, string[]]>([
    ['without a baseline nothing is slow', [100, 9000, 9000], undefined, {}, ['operational', 'operational', 'operational']],
    ['N-1 slow answers stay operational', [560, 2300], 560, {}, ['operational', 'operational']],
    ['N slow answers degrade', [560, 2300, 2300], 560, {}, ['operational', 'operational', 'degraded']],
    ['exactly k × the baseline is not slow', [560, 1680, 1680], 560, {}, ['operational', 'operational', 'operational']],
    ['back to the usual recovers after M fast answers', [560, 2300, 2300, 600, 600], 560, {}, ['operational', 'operational', 'degraded', 'degraded', 'operational']],
    ['a first answer far above the baseline is degraded', [2300], 560, {}, ['degraded']],
    ['factor 5 from the rules', [560, 2300, 2300, 2801, 2801], 560, { degradedAboveBaseline: 5 }, ['operational', 'operational', 'operational', 'operational', 'degraded']],
    ['failuresToDown 3 needs 3 in a row', [560, 2300, 2300, 2300], 560, { failuresToDown: 3 }, ['operational', 'operational', 'operational', 'degraded']],
  ])('%s', (_, latencies, baseline, overrides, expected) => {
    expect(run(latencies, baseline, { ...rules, ...overrides }).map((s) => s.status)).toEqual(expected);
  });

  it('says how much slower than usual, in plain words', () => {
    expect(run([560, 2300, 2300], 560).map((s) => s.reasons)).toEqual([
      ['answering in 560 ms'],
      ['slow answer 1 of 2 before degraded (2300 ms)'],
      ['slow: 2300 ms, 4.1× the usual 560 ms'],
    ]);
  });

  it('an absolute threshold, when crossed too, is the reason given', () => {
    expect(run([2300], 560, { ...rules, degradedAboveMs: 1000 })[0].reasons).toEqual(['slow: 2300 ms, above 1000 ms']);
  });

  it('below an absolute threshold, the baseline still judges', () => {
    expect(run([2300], 560, { ...rules, degradedAboveMs: 5000 })[0].reasons).toEqual(['slow: 2300 ms, 4.1× the usual 560 ms']);
  });
});

describe('a baseline fed by the answers themselves', () => {
  it('learns the usual, then degrades on a lasting slowdown, then recovers', () => {
    const rules: CheckRules = { interval: 30_000, timeout: 10_000, failuresToDown: 2, successesToRecover: 2 };
    let state = initialCheckState(T0);
    let window = EMPTY_LATENCY_WINDOW;
    const statuses: string[] = [];
    const latencies = [...Array(12).fill(560), 2300, 2300, 2300, 560, 560];
    latencies.forEach((ms, i) => {
      const o = obs(T0 + i * rules.interval, ms);
      state = nextCheckState(state, o, rules, latencyBaseline(window, o.startedAt));
      window = recordLatency(window, o);
      statuses.push(state.status);
    });
    expect(statuses).toEqual([...Array(12).fill('operational'), 'operational', 'degraded', 'degraded', 'degraded', 'operational']);
    expect(latencyBaseline(window, T0 + 20 * rules.interval)).toBe(560);
  });
});
