import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SettlePacer } from './settle-pacer.js';

/** A settle that takes `cost` ms of the pacer's clock. */
function setup(cost: number, share = 0.25, maxWaitMs = 250, fail = (_run: number) => false) {
  let now = 1_000;
  const runs: number[] = [];
  const errors: unknown[] = [];
  const pacer = new SettlePacer(
    () => {
      runs.push(now);
      now += cost;
      if (fail(runs.length)) throw new Error(`settle ${runs.length} failed`);
    },
    (err) => errors.push(err),
    share,
    maxWaitMs,
    () => now,
  );
  return { pacer, runs, errors, advance: (ms: number) => ((now += ms), vi.advanceTimersByTime(ms)), at: () => now };
}

describe('SettlePacer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('settles at once while settles are cheap (a small catalog sees no delay)', () => {
    const { pacer, runs } = setup(0);
    pacer.request();
    pacer.request();
    pacer.request();
    expect(runs).toHaveLength(3);
    expect(pacer.pending).toBe(false);
  });

  it('after a costly settle, waits so settles take at most their share, and merges requests meanwhile', () => {
    const { pacer, runs, advance } = setup(20); // 20 ms a settle, a quarter of the time: 60 ms apart
    pacer.request();
    expect(runs).toEqual([1_000]);
    for (let i = 0; i < 10; i++) pacer.request();
    expect(runs).toHaveLength(1);
    expect(pacer.pending).toBe(true);
    advance(59);
    expect(runs).toHaveLength(1);
    advance(1);
    expect(runs).toEqual([1_000, 1_080]);
  });

  it('never waits longer than its cap, however costly a settle', () => {
    const { pacer, runs, advance } = setup(400, 0.25, 250);
    pacer.request();
    pacer.request();
    advance(249);
    expect(runs).toHaveLength(1);
    advance(1);
    expect(runs).toHaveLength(2);
  });

  it('runNow settles at once and takes a waiting request with it', () => {
    const { pacer, runs, advance } = setup(20);
    pacer.request();
    pacer.request();
    pacer.runNow();
    expect(runs).toHaveLength(2);
    expect(pacer.pending).toBe(false);
    advance(1_000);
    expect(runs).toHaveLength(2);
  });

  it('a settle that throws is reported (from the timer) or thrown (when run at once), and pacing goes on', () => {
    const { pacer, runs, errors, advance } = setup(20, 0.25, 250, (n) => n <= 2);
    expect(() => pacer.request()).toThrow('settle 1 failed');
    pacer.request();
    advance(60);
    expect(errors.map((e) => (e as Error).message)).toEqual(['settle 2 failed']);
    pacer.request();
    advance(60);
    expect(runs).toHaveLength(3);
  });
});
