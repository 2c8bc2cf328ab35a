import { describe, expect, it } from 'vitest';
import type { Observation, ProbeFailure } from '../../contracts/observation.js';
import { checkStateAt, initialCheckState, nextCheckState, staleAfterMs, type CheckRules, type CheckState } from './check-status.js';

const T0 = Date.parse('2026-03-02T07:20:00Z');
const RULES: CheckRules = { interval: 30_000, timeout: 10_000, failuresToDown: 2, successesToRecover: 2, degradedAboveMs: 1000 };
const TIMEOUT: ProbeFailure = { stage: 'response', errorClass: 'timeout', message: 'no answer within 10 s' };
const REFUSED: ProbeFailure = { stage: 'connect', errorClass: 'refused', message: 'connection refused' };

/**
 * One step of a sequence: `G` a fast answer (100 ms), `S` a slow one (1500 ms), `F` a timeout,
 * `R` a refused connection, or a number: a successful answer that took that many ms.
 */
type Step = 'G' | 'S' | 'F' | 'R' | number;

function observation(step: Step, startedAt: number): Observation {
  const base = { checkId: 'synlab-results#0', startedAt };
  if (step === 'F') return { ...base, durationMs: 10_000, ok: false, failure: TIMEOUT };
  if (step === 'R') return { ...base, durationMs: 3, ok: false, failure: REFUSED };
  return { ...base, durationMs: step === 'G' ? 100 : step === 'S' ? 1500 : step, ok: true };
}

/** Feeds the steps in, one interval apart, and returns the state after each. */
function run(steps: readonly Step[], rules: CheckRules = RULES): CheckState[] {
  let state = initialCheckState(T0);
  return steps.map((step, i) => (state = nextCheckState(state, observation(step, T0 + i * rules.interval), rules)));
}

const statuses = (steps: readonly Step[], rules: CheckRules = RULES) => run(steps, rules).map((s) => s.status);

/** `'GFF'` → `['G', 'F', 'F']`; numbers are given as arrays. */
const seq = (text: string): Step[] => [...text] as Step[];

describe('initialCheckState', () => {
  it('is unknown from the start, with no result yet', () => {
    expect(initialCheckState(T0)).toEqual({ status: 'unknown', since: T0, failures: 0, slows: 0, goods: 0, oks: 0, reasons: ['no result yet'] });
  });
});

describe('nextCheckState: status after each observation (failuresToDown 2, successesToRecover 2, degraded above 1000 ms)', () => {
  it.each<[string, string, string[]]>([
    // --- the first answer is taken at face value
    ['first success', 'G', ['operational']],
    ['first answer slow', 'S', ['degraded']],
    ['first failure: one is not enough to go down', 'F', ['unknown']],
    ['two failures from the start', 'FF', ['unknown', 'down']],
    ['a failure, then a success', 'FG', ['unknown', 'operational']],
    ['a failure, then a slow answer', 'FS', ['unknown', 'degraded']],
    // --- going down: N-1 and N failures
    ['operational, 1 failure (N-1)', 'GF', ['operational', 'operational']],
    ['operational, 2 failures (N)', 'GFF', ['operational', 'operational', 'down']],
    ['down stays down', 'GFFRF', ['operational', 'operational', 'down', 'down', 'down']],
    ['refused counts like a timeout', 'GRF', ['operational', 'operational', 'down']],
    ['alternating fail/success never goes down (no flapping)', 'GFGFGFGFGF', Array(10).fill('operational')],
    ['a success resets the failure count', 'GFGFF', ['operational', 'operational', 'operational', 'operational', 'down']],
    // --- coming back: N-1 and N successes
    ['down, 1 success (N-1)', 'GFFG', ['operational', 'operational', 'down', 'down']],
    ['down, 2 successes (N)', 'GFFGG', ['operational', 'operational', 'down', 'down', 'operational']],
    ['a failure during recovery starts it over', 'GFFGFGG', ['operational', 'operational', 'down', 'down', 'down', 'down', 'operational']],
    ['recovery via slow answers goes to degraded', 'GFFSS', ['operational', 'operational', 'down', 'down', 'degraded']],
    ['recovery ending slow goes to degraded', 'GFFGS', ['operational', 'operational', 'down', 'down', 'degraded']],
    ['recovery ending fast goes to operational', 'GFFSG', ['operational', 'operational', 'down', 'down', 'operational']],
    ['down from a first-failure start, then back', 'FFGG', ['unknown', 'down', 'down', 'operational']],
    // --- degraded: N slow answers in a row
    ['operational, 1 slow answer (N-1)', 'GS', ['operational', 'operational']],
    ['operational, 2 slow answers (N)', 'GSS', ['operational', 'operational', 'degraded']],
    ['alternating slow/fast never degrades', 'GSGSGSGS', Array(8).fill('operational')],
    ['degraded, 1 fast answer (N-1)', 'GSSG', ['operational', 'operational', 'degraded', 'degraded']],
    ['degraded, 2 fast answers (N)', 'GSSGG', ['operational', 'operational', 'degraded', 'degraded', 'operational']],
    ['degraded stays degraded while slow and fast alternate', 'GSSGSGSG', ['operational', 'operational', ...Array(6).fill('degraded')]],
    ['degraded, then 2 failures', 'GSSFF', ['operational', 'operational', 'degraded', 'degraded', 'down']],
    ['degraded, 1 failure then fast again', 'GSSFGG', ['operational', 'operational', 'degraded', 'degraded', 'degraded', 'operational']],
    ['first answer slow, then fast twice', 'SGG', ['degraded', 'degraded', 'operational']],
    // --- slow answers and timeouts mixed: every answer is bad, so it is not green
    ['slow, timeout, slow degrades', 'GSFS', ['operational', 'operational', 'operational', 'degraded']],
    ['timeout, slow degrades', 'GFS', ['operational', 'operational', 'degraded']],
    ['timeout, slow, timeout, slow... never goes down but stays degraded', 'GFSFSFS', ['operational', 'operational', ...Array(5).fill('degraded')]],
    ['timeout, fast, slow does not degrade', 'GFGS', ['operational', 'operational', 'operational', 'operational']],
  ])('%s: %s', (_, steps, expected) => expect(statuses(seq(steps))).toEqual(expected));

  it.each<[string, Step[], string[]]>([
    ['exactly at the threshold is not slow', ['G', 1000, 1000, 1000], ['operational', 'operational', 'operational', 'operational']],
    ['1 ms above the threshold is slow', ['G', 1001, 1001], ['operational', 'operational', 'degraded']],
    ['a first answer exactly at the threshold', [1000], ['operational']],
    ['a first answer 1 ms above it', [1001], ['degraded']],
    ['degraded, back under the threshold', [1001, 1000, 1000], ['degraded', 'degraded', 'operational']],
  ])('latency %s: %j', (_, steps, expected) => expect(statuses(steps)).toEqual(expected));

  it.each<[string, Partial<CheckRules>, string, string[]]>([
    ['failuresToDown 1: one failure is down', { failuresToDown: 1 }, 'GF', ['operational', 'down']],
    ['failuresToDown 1: first failure is down', { failuresToDown: 1 }, 'F', ['down']],
    ['failuresToDown 3: 2 failures (N-1)', { failuresToDown: 3 }, 'GFF', ['operational', 'operational', 'operational']],
    ['failuresToDown 3: 3 failures (N)', { failuresToDown: 3 }, 'GFFF', ['operational', 'operational', 'operational', 'down']],
    ['failuresToDown 3: 2 slow answers (N-1)', { failuresToDown: 3 }, 'GSS', ['operational', 'operational', 'operational']],
    ['failuresToDown 3: 3 slow answers (N)', { failuresToDown: 3 }, 'GSSS', ['operational', 'operational', 'operational', 'degraded']],
    ['failuresToDown 1: one slow answer degrades', { failuresToDown: 1 }, 'GS', ['operational', 'degraded']],
    ['successesToRecover 1: one success is back', { successesToRecover: 1 }, 'GFFG', ['operational', 'operational', 'down', 'operational']],
    ['successesToRecover 3: 2 successes (N-1)', { successesToRecover: 3 }, 'GFFGG', ['operational', 'operational', 'down', 'down', 'down']],
    ['successesToRecover 3: 3 successes (N)', { successesToRecover: 3 }, 'GFFGGG', ['operational', 'operational', 'down', 'down', 'down', 'operational']],
    ['successesToRecover 3: 2 fast answers after degraded (N-1)', { successesToRecover: 3 }, 'GSSGG', ['operational', 'operational', 'degraded', 'degraded', 'degraded']],
    ['successesToRecover 3: 3 fast answers after degraded (N)', { successesToRecover: 3 }, 'GSSGGG', ['operational', 'operational', 'degraded', 'degraded', 'degraded', 'operational']],
    ['no degradedAboveMs: nothing is slow', { degradedAboveMs: undefined }, 'SSS', ['operational', 'operational', 'operational']],
  ])('%s', (_, rules, steps, expected) => expect(statuses(seq(steps), { ...RULES, ...rules })).toEqual(expected));

  it('no latency is slow without degradedAboveMs', () => {
    expect(statuses([9_999, 9_999, 9_999], { ...RULES, degradedAboveMs: undefined })).toEqual(['operational', 'operational', 'operational']);
  });
});

describe('nextCheckState: since', () => {
  it('changes only when the status changes, to the end of the observation that changed it', () => {
    const at = (i: number) => T0 + i * RULES.interval;
    const states = run(seq('GGFFFGGSSS'));
    expect(states.map((s) => [s.status, s.since])).toEqual([
      ['operational', at(0) + 100],
      ['operational', at(0) + 100],
      ['operational', at(0) + 100],
      ['down', at(3) + 10_000],
      ['down', at(3) + 10_000],
      ['down', at(3) + 10_000],
      ['operational', at(6) + 100],
      ['operational', at(6) + 100],
      ['degraded', at(8) + 1500],
      ['degraded', at(8) + 1500],
    ]);
  });

  it('stays at the start time while a first failure leaves it unknown', () => {
    expect(run(seq('F')).map((s) => [s.status, s.since])).toEqual([['unknown', T0]]);
  });
});

describe('nextCheckState: reasons, in plain words', () => {
  it.each<[string, string, string[][]]>([
    [
      'down and back',
      'GFFRGG',
      [
        ['answering in 100 ms'],
        ['failure 1 of 2 before down (timeout: no answer within 10 s)'],
        ['2 consecutive failures (timeout: no answer within 10 s)'],
        ['3 consecutive failures (refused: connection refused)'],
        ['recovering: 1 of 2 successes before up'],
        ['recovered: answering in 100 ms'],
      ],
    ],
    [
      'slow and back',
      'GSSGG',
      [
        ['answering in 100 ms'],
        ['slow answer 1 of 2 before degraded (1500 ms)'],
        ['slow: 1500 ms, above 1000 ms'],
        ['improving: 1 of 2 fast answers before operational'],
        ['answering in 100 ms'],
      ],
    ],
    ['back but slow', 'FFSS', [
      ['failure 1 of 2 before down (timeout: no answer within 10 s)'],
      ['2 consecutive failures (timeout: no answer within 10 s)'],
      ['recovering: 1 of 2 successes before up'],
      ['recovered, but slow: 1500 ms, above 1000 ms'],
    ]],
    ['first answer slow', 'S', [['slow: 1500 ms, above 1000 ms']]],
  ])('%s (%s)', (_, steps, expected) => expect(run(seq(steps)).map((s) => s.reasons)).toEqual(expected));

  it('says "1 consecutive failure", singular, when one failure is enough', () => {
    expect(run(seq('GR'), { ...RULES, failuresToDown: 1 })[1].reasons).toEqual(['1 consecutive failure (refused: connection refused)']);
  });

  it('says "failed" when the probe gave no failure details', () => {
    const state = nextCheckState(initialCheckState(T0), { checkId: 'x#0', startedAt: T0, durationMs: 5, ok: false }, RULES);
    expect(state.reasons).toEqual(['failure 1 of 2 before down (failed)']);
  });

  it('rounds latencies to whole milliseconds', () => {
    expect(run([99.6])[0].reasons).toEqual(['answering in 100 ms']);
  });
});

describe('nextCheckState: counters and the last observation', () => {
  it('counts consecutive failures, not-fast answers, fast answers and successes', () => {
    const counters = run(seq('GGFSFFGSG')).map(({ failures, slows, goods, oks }) => [failures, slows, goods, oks]);
    expect(counters).toEqual([
      // failures, slows (slow or failed in a row), goods, oks
      [0, 0, 1, 1],
      [0, 0, 2, 2],
      [1, 1, 0, 0],
      [0, 2, 0, 1],
      [1, 3, 0, 0],
      [2, 4, 0, 0],
      [0, 0, 1, 1],
      [0, 1, 0, 2],
      [0, 0, 1, 3],
    ]);
  });

  it('keeps the last observation and leaves the previous state untouched', () => {
    const before = initialCheckState(T0);
    const copy = structuredClone(before);
    const obs = observation('F', T0);
    const after = nextCheckState(before, obs, RULES);
    expect(after.last).toBe(obs);
    expect(before).toEqual(copy);
  });
});

describe('staleAfterMs', () => {
  it.each([
    // interval, timeout, stale after
    [30_000, 10_000, 90_000],
    [30_000, 30_000, 90_000],
    [5_000, 5_000, 15_000],
    [1_000, 500, 3_000],
    [10_000, 20_000, 50_000],
  ])('interval %d ms, timeout %d ms: %d ms', (interval, timeout, expected) => {
    expect(staleAfterMs({ ...RULES, interval, timeout })).toBe(expected);
  });
});

describe('checkStateAt: a check without recent results is unknown', () => {
  const lastEnd = (state: CheckState) => state.last!.startedAt + state.last!.durationMs;

  it.each<[string, string, number, string, number | 'kept', string[] | 'kept']>([
    // steps, ms after the last result ended, status shown, since, reasons
    ['operational, just in time', 'G', 90_000, 'operational', 'kept', 'kept'],
    ['operational, 1 ms too late', 'G', 90_001, 'unknown', 90_000, ['no result for 90 s']],
    ['operational, long silent', 'G', 3_600_000, 'unknown', 90_000, ['no result for 3600 s']],
    ['down, 1 ms too late', 'FF', 90_001, 'unknown', 90_000, ['no result for 90 s']],
    ['degraded, 1 ms too late', 'S', 90_001, 'unknown', 90_000, ['no result for 90 s']],
    ['down, just in time', 'FF', 90_000, 'down', 'kept', 'kept'],
    ['unknown after one failure, long silent', 'F', 3_600_000, 'unknown', 'kept', 'kept'],
  ])('%s', (_, steps, after, status, since, reasons) => {
    const state = run(seq(steps)).at(-1)!;
    const shown = checkStateAt(state, RULES, lastEnd(state) + after);
    expect(shown.status).toBe(status);
    expect(shown.since).toBe(since === 'kept' ? state.since : lastEnd(state) + since);
    expect(shown.reasons).toEqual(reasons === 'kept' ? state.reasons : reasons);
  });

  it('shows a check that never answered as it is, however long', () => {
    const state = initialCheckState(T0);
    expect(checkStateAt(state, RULES, T0 + 86_400_000)).toBe(state);
  });

  it('only changes what is shown, not the counters or the last observation', () => {
    const state = run(seq('GG')).at(-1)!;
    const shown = checkStateAt(state, RULES, lastEnd(state) + 100_000);
    expect(shown).toEqual({ ...state, status: 'unknown', since: lastEnd(state) + 90_000, reasons: ['no result for 100 s'] });
    expect(state.status).toBe('operational');
  });

  it('judges the first result after a silence as it would a first result, not against the old status', () => {
    // Operational, then silent long enough to be shown unknown; then the link answers with failures.
    const state = run(seq('G')).at(-1)!;
    const silentUntil = lastEnd(state) + 600_000;
    expect(checkStateAt(state, RULES, silentUntil).status).toBe('unknown');
    const afterFailure = nextCheckState(state, observation('F', silentUntil), RULES);
    expect(afterFailure.status).toBe('unknown');
    expect(afterFailure.reasons).toEqual(['failure 1 of 2 before down (timeout: no answer within 10 s)']);
    const afterSuccess = nextCheckState(afterFailure, observation('G', silentUntil + 30_000), RULES);
    expect([afterSuccess.status, afterSuccess.since]).toEqual(['operational', silentUntil + 30_100]);
  });
});
