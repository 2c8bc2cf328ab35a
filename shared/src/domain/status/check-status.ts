import type { Observation } from '../../contracts/observation.js';
import type { Status } from '../../contracts/words.js';
import { slowAgainstBaseline } from './latency-baseline.js';

/** The thresholds one check is judged by. */
export interface CheckRules {
  interval: number;
  timeout: number;
  failuresToDown: number;
  successesToRecover: number;
  degradedAboveMs?: number;
  /** Slow also above this many times the check's own latency baseline (default 3); needs a baseline to judge. */
  degradedAboveBaseline?: number;
}

/** The judged state of one check; advanced by each observation. */
export interface CheckState {
  status: Exclude<Status, 'maintenance'>;
  /** Epoch ms of the last status change. */
  since: number;
  /** Consecutive failed observations. */
  failures: number;
  /** Consecutive observations that were not a fast success (slow or failed): the run that degrades. */
  slows: number;
  /** Consecutive successful and fast observations. */
  goods: number;
  /** Consecutive successful observations, slow or fast. */
  oks: number;
  last?: Observation;
  reasons: string[];
}

export function initialCheckState(now: number): CheckState {
  return { status: 'unknown', since: now, failures: 0, slows: 0, goods: 0, oks: 0, reasons: ['no result yet'] };
}

/** One observation judged on its own; a slow one says why (a warning, an absolute threshold, or the baseline). */
type Classified = { outcome: 'fail' | 'good'; why?: undefined } | { outcome: 'slow'; why: string };

function classify(obs: Observation, rules: CheckRules, baselineMs: number | undefined): Classified {
  if (!obs.ok) return { outcome: 'fail' };
  if (obs.warning !== undefined) return { outcome: 'slow', why: obs.warning };
  if (rules.degradedAboveMs !== undefined && obs.durationMs > rules.degradedAboveMs) {
    return { outcome: 'slow', why: `slow: ${Math.round(obs.durationMs)} ms, above ${rules.degradedAboveMs} ms` };
  }
  const slow = slowAgainstBaseline(obs.durationMs, baselineMs, rules.degradedAboveBaseline);
  return slow ? { outcome: 'slow', why: slow } : { outcome: 'good' };
}

function describeFailure(obs: Observation): string {
  const f = obs.failure;
  return f ? `${f.errorClass}: ${f.message}` : 'failed';
}

/**
 * Advances a check's state by one observation, with hysteresis: it takes `failuresToDown`
 * consecutive failures (or slow answers) to get worse and `successesToRecover` consecutive
 * good answers to get better, so one blip does not flap the wall. A check with no history
 * takes its first success at face value. `baselineMs`, the check's usual latency when known
 * (see latency-baseline.ts), makes an answer far slower than usual count as slow too.
 */
export function nextCheckState(stored: CheckState, obs: Observation, rules: CheckRules, baselineMs?: number): CheckState {
  // After a silence the old status was shown unknown (checkStateAt): judge the new answer from there.
  const prev = checkStateAt(stored, rules, obs.startedAt);
  const { outcome, why } = classify(obs, rules, baselineMs);
  const failures = outcome === 'fail' ? prev.failures + 1 : 0;
  // A failure does not break a run of slow answers: slow, timeout, slow... is degraded, not green.
  const slows = outcome === 'good' ? 0 : prev.slows + 1;
  const goods = outcome === 'good' ? prev.goods + 1 : 0;
  const oks = outcome === 'fail' ? 0 : prev.oks + 1;
  const F = rules.failuresToDown;
  const S = rules.successesToRecover;
  const latency = `${Math.round(obs.durationMs)} ms`;

  let status = prev.status;
  let reasons: string[];
  if (outcome === 'fail') {
    if (failures >= F) {
      status = 'down';
      reasons = [`${failures} consecutive failure${failures > 1 ? 's' : ''} (${describeFailure(obs)})`];
    } else {
      reasons = [`failure ${failures} of ${F} before down (${describeFailure(obs)})`];
    }
  } else if (prev.status === 'unknown') {
    status = outcome === 'slow' ? 'degraded' : 'operational';
    reasons = outcome === 'slow' ? [why] : [`answering in ${latency}`];
  } else if (prev.status === 'down') {
    if (oks >= S) {
      status = outcome === 'slow' ? 'degraded' : 'operational';
      reasons = outcome === 'slow' ? [`recovered, but ${why}`] : [`recovered: answering in ${latency}`];
    } else {
      reasons = [`recovering: ${oks} of ${S} successes before up`];
    }
  } else if (outcome === 'slow') {
    if (prev.status === 'operational' && slows < F) {
      reasons = [`${obs.warning ? 'warning' : 'slow answer'} ${slows} of ${F} before degraded (${obs.warning ?? latency})`];
    } else {
      status = 'degraded';
      reasons = [why];
    }
  } else if (prev.status === 'degraded' && goods < S) {
    reasons = [`improving: ${goods} of ${S} fast answers before operational`];
  } else {
    status = 'operational';
    reasons = [`answering in ${latency}`];
  }

  return {
    status,
    since: status === prev.status ? prev.since : obs.startedAt + obs.durationMs,
    failures,
    slows,
    goods,
    oks,
    last: obs,
    reasons,
  };
}

/** How long without a result before a check's status can no longer be vouched for. */
export function staleAfterMs(rules: CheckRules): number {
  return Math.max(3 * rules.interval, rules.interval + 2 * rules.timeout);
}

/**
 * The state as it should be shown at `now`: a check that has produced no result for too
 * long is `unknown`, never its old status (a frozen scheduler must not show old green).
 */
export function checkStateAt(state: CheckState, rules: CheckRules, now: number): CheckState {
  const lastAt = state.last ? state.last.startedAt + state.last.durationMs : undefined;
  if (lastAt === undefined || now - lastAt <= staleAfterMs(rules) || state.status === 'unknown') return state;
  return {
    ...state,
    status: 'unknown',
    since: lastAt + staleAfterMs(rules),
    reasons: [`no result for ${Math.round((now - lastAt) / 1000)} s`],
  };
}
