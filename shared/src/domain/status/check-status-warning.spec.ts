import { describe, expect, it } from 'vitest';
import type { Observation } from '../../contracts/observation.js';
import { initialCheckState, nextCheckState, type CheckRules } from './check-status.js';

const rules: CheckRules = { interval: 30_000, timeout: 5_000, failuresToDown: 2, successesToRecover: 2 };
const WARNING = 'certificate expires in 5 days, on 2026-12-01 12:00 UTC (warning below 14 days)';

function obs(at: number, extra: Partial<Observation> = {}): Observation {
  return { checkId: 'insurer#0', startedAt: at, durationMs: 40, ok: true, ...extra };
}

describe('an ok observation with a warning (a certificate about to expire)', () => {
  it('is degraded on a fresh check, like a slow answer', () => {
    const state = nextCheckState(initialCheckState(0), obs(1_000, { warning: WARNING }), rules);
    expect(state.status).toBe('degraded');
  });

  it('is not down, however many come in a row', () => {
    let state = initialCheckState(0);
    for (let i = 1; i <= 5; i++) state = nextCheckState(state, obs(i * 30_000, { warning: WARNING }), rules);
    expect(state.status).toBe('degraded');
    expect(state.failures).toBe(0);
  });

  it('takes an operational check to degraded after the usual run, and back once renewed', () => {
    let state = nextCheckState(initialCheckState(0), obs(1_000), rules);
    expect(state.status).toBe('operational');
    state = nextCheckState(state, obs(31_000, { warning: WARNING }), rules);
    state = nextCheckState(state, obs(61_000, { warning: WARNING }), rules);
    expect(state.status).toBe('degraded');
    state = nextCheckState(state, obs(91_000), rules);
    state = nextCheckState(state, obs(121_000), rules);
    expect(state.status).toBe('operational');
  });

  it('the reasons name the warning instead of a latency threshold', () => {
    const state = nextCheckState(initialCheckState(0), obs(1_000, { warning: WARNING }), rules);
    expect(state.reasons).toEqual([WARNING]);
  });

  it('an ok observation without a warning and under no latency threshold stays operational', () => {
    expect(nextCheckState(initialCheckState(0), obs(1_000), rules).status).toBe('operational');
  });
});
