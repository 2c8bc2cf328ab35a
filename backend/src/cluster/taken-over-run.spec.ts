import { describe, expect, it } from 'vitest';
import { takenOverRun } from './lease.service.js';

// A 1 s check: TTL 600 ms, renewal every 200 ms (clusterTiming).
const timing = { ttlMs: 600, renewMs: 200 };
const I = 1_000;

/** The next run after a takeover, as the scheduler plans it: an interval after the run counted. */
const nextRun = (last: number | null, lapsed: number | null) => takenOverRun(last, lapsed, I, timing)! + I;

describe('takenOverRun: when a check taken over runs next', () => {
  it('a released lease: an interval after the start its owner recorded', () => {
    expect(nextRun(10_000, null)).toBe(11_000);
  });

  it('a released lease that never ran: at once', () => {
    expect(takenOverRun(null, null, I, timing)).toBeUndefined();
  });

  it('a lapsed lease with nothing recorded: as if it ran at its last renewal', () => {
    expect(takenOverRun(null, 20_600, I, timing)).toBe(20_000);
  });

  it('a lapsed lease whose next run was due after its owner stopped trusting its lease: an interval after the recorded start', () => {
    // Renewed at 20,000 (lapsed at 20,600): the owner ran nothing after 20,600; the run after 19,800 was due at 20,800.
    expect(nextRun(19_800, 20_600)).toBe(20_800);
  });

  // The owner was renewed at L = 20,000, and dead or late it ran nothing after L + 600 ms. Its last recorded start was R.
  for (const R of [19_000, 19_200, 19_400, 19_600]) {
    it(`a run due before the owner died may have happened (recorded ${R}): both bounds hold either way`, () => {
      const next = nextRun(R, 20_600);
      const due = R + I;
      expect(next - due, 'had it run when due: the next is at least half an interval later').toBeGreaterThanOrEqual(I / 2);
      expect(next - R, 'had it not: the pause since the recorded run stays under two intervals').toBeLessThan(2 * I);
    });
  }
});
