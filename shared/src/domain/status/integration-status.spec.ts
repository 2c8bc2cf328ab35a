import { describe, expect, it } from 'vitest';
import type { Observation } from '../../contracts/observation.js';
import type { Status } from '../../contracts/words.js';
import { initialCheckState, nextCheckState, type CheckRules, type CheckState } from './check-status.js';
import { combineChecks, sinceFor } from './integration-status.js';

const T0 = Date.parse('2026-03-02T07:30:00Z');
type CheckStatus = CheckState['status'];

/** A check state with a status, its reasons, and optionally its last answer (ok with a latency, or failed). */
function check(status: CheckStatus, last?: { at: number; ms: number; ok?: boolean }): CheckState {
  const observation: Observation | undefined = last && {
    checkId: 'x#0',
    startedAt: last.at,
    durationMs: last.ms,
    ok: last.ok ?? true,
    ...(last.ok === false ? { failure: { stage: 'connect' as const, errorClass: 'refused' as const, message: 'connection refused' } } : {}),
  };
  return { status, since: T0, failures: 0, slows: 0, goods: 0, oks: 0, reasons: [`${status} reason`], ...(observation ? { last: observation } : {}) };
}

describe('combineChecks: an integration is as bad as its worst check', () => {
  it.each<[CheckStatus[], Status]>([
    [[], 'unknown'],
    [['operational'], 'operational'],
    [['operational', 'operational'], 'operational'],
    [['operational', 'unknown'], 'unknown'],
    [['operational', 'degraded'], 'degraded'],
    [['degraded', 'operational'], 'degraded'],
    [['unknown', 'degraded'], 'degraded'],
    [['operational', 'down'], 'down'],
    [['down', 'degraded', 'unknown', 'operational'], 'down'],
    [['degraded', 'down', 'degraded'], 'down'],
  ])('%j → %s', (statuses, expected) => expect(combineChecks(statuses.map((s) => check(s))).status).toBe(expected));

  it.each<[string, CheckStatus[], string[]]>([
    ['one check', ['down'], ['down reason']],
    ['the worst check only', ['operational', 'down', 'degraded'], ['down reason']],
    ['every check that is at the worst, in order', ['degraded', 'operational', 'degraded'], ['degraded reason', 'degraded reason']],
    ['none without checks', [], []],
  ])('explains itself with the reasons of %s', (_, statuses, reasons) => {
    expect(combineChecks(statuses.map((s) => check(s))).reasons).toEqual(reasons);
  });

  it('keeps the reasons of each worst check, in check order', () => {
    const a = { ...check('down'), reasons: ['2 consecutive failures (timeout: no answer within 5 s)'] };
    const b = { ...check('operational'), reasons: ['answering in 80 ms'] };
    const c = { ...check('down'), reasons: ['3 consecutive failures (refused: connection refused)'] };
    expect(combineChecks([a, b, c]).reasons).toEqual([
      '2 consecutive failures (timeout: no answer within 5 s)',
      '3 consecutive failures (refused: connection refused)',
    ]);
  });

  it.each<[string, CheckState[], number | null]>([
    ['no check has answered', [check('unknown'), check('unknown')], null],
    ['only failures', [check('down', { at: T0, ms: 5_000, ok: false })], null],
    ['one answer', [check('operational', { at: T0, ms: 120 })], 120],
    ['the slowest answer', [check('operational', { at: T0, ms: 120 }), check('degraded', { at: T0, ms: 1_800 }), check('operational', { at: T0, ms: 40 })], 1_800],
    ['answers only, not the failure that took longer', [check('operational', { at: T0, ms: 120 }), check('down', { at: T0, ms: 10_000, ok: false })], 120],
    ['rounded to whole ms', [check('operational', { at: T0, ms: 120.4 }), check('operational', { at: T0, ms: 99.5 })], 120],
    ['rounded up from .5', [check('operational', { at: T0, ms: 120.5 })], 121],
  ])('latency when %s', (_, checks, latencyMs) => expect(combineChecks(checks).latencyMs).toBe(latencyMs));

  it.each<[string, CheckState[], number | null]>([
    ['no check has run', [check('unknown')], null],
    ['one check: when its last run ended', [check('operational', { at: T0, ms: 250 })], T0 + 250],
    ['the latest end, failures included', [check('operational', { at: T0, ms: 250 }), check('down', { at: T0 + 1_000, ms: 5_000, ok: false })], T0 + 6_000],
    ['the latest end, not the latest start', [check('operational', { at: T0 + 100, ms: 10 }), check('degraded', { at: T0, ms: 2_000 })], T0 + 2_000],
  ])('last checked when %s', (_, checks, at) => expect(combineChecks(checks).lastCheckedAt).toBe(at));

  it('combines real check states: one refusing check out of two takes the integration down', () => {
    const rules: CheckRules = { interval: 30_000, timeout: 5_000, failuresToDown: 2, successesToRecover: 2, degradedAboveMs: 1_000 };
    const ok = (at: number, ms: number): Observation => ({ checkId: 'a#0', startedAt: at, durationMs: ms, ok: true });
    const refused = (at: number): Observation => ({
      checkId: 'a#1', startedAt: at, durationMs: 2, ok: false, failure: { stage: 'connect', errorClass: 'refused', message: 'connection refused' },
    });
    let a = initialCheckState(T0);
    let b = initialCheckState(T0);
    a = nextCheckState(a, ok(T0, 80), rules);
    b = nextCheckState(b, refused(T0), rules);
    // One refusal is not yet down, but the second check cannot vouch for anything: unknown is worse than operational.
    expect(combineChecks([a, b])).toEqual({
      status: 'unknown',
      latencyMs: 80,
      lastCheckedAt: T0 + 80,
      reasons: ['failure 1 of 2 before down (refused: connection refused)'],
    });
    a = nextCheckState(a, ok(T0 + 30_000, 95), rules);
    b = nextCheckState(b, refused(T0 + 30_000), rules);
    expect(combineChecks([a, b])).toEqual({
      status: 'down',
      latencyMs: 95,
      lastCheckedAt: T0 + 30_095,
      reasons: ['2 consecutive failures (refused: connection refused)'],
    });
  });
});

describe('sinceFor: the moment the integration entered its current status', () => {
  const NOW = T0 + 600_000;
  it.each<[string, { status: Status; since: number } | undefined, Status, number]>([
    ['first evaluation', undefined, 'unknown', NOW],
    ['first evaluation, already operational', undefined, 'operational', NOW],
    ['status unchanged', { status: 'operational', since: T0 }, 'operational', T0],
    ['still down', { status: 'down', since: T0 + 5 }, 'down', T0 + 5],
    ['status changed', { status: 'operational', since: T0 }, 'degraded', NOW],
    ['back from maintenance', { status: 'maintenance', since: T0 }, 'operational', NOW],
  ])('%s', (_, prev, status, expected) => expect(sinceFor(prev, status, NOW)).toBe(expected));
});
