import { describe, expect, it } from 'vitest';
import { firstRunAt, nextRunAt, phaseOf } from './check-plan.js';

const I = 1_000;
const id = 'svc-00#0';
const phase = phaseOf(id, I);

describe('check plan', () => {
  it('gives each check a stable phase within its interval', () => {
    expect(phaseOf(id, I)).toBe(phase);
    expect(phase).toBeGreaterThanOrEqual(0);
    expect(phase).toBeLessThan(I);
    expect(new Set(Array.from({ length: 50 }, (_, i) => phaseOf(`c${i}#0`, 30_000))).size).toBeGreaterThan(45);
  });

  it('spreads first runs over the first seconds', () => {
    const at = firstRunAt(id, 30_000, 1_000_000);
    expect(at - 1_000_000).toBeGreaterThanOrEqual(0);
    expect(at - 1_000_000).toBeLessThan(3_000);
  });

  it('runs next on the following phase slot after an on-time run', () => {
    const slot = 10 * I + phase;
    expect(nextRunAt(id, I, slot + 3, slot + 40)).toBe(slot + I);
  });

  it('after a run off its phase (the first after a takeover), waits at least half an interval', () => {
    for (let offset = 1; offset < I; offset += 37) {
      const started = 10 * I + phase + offset;
      const next = nextRunAt(id, I, started, started + 20);
      expect(next - started).toBeGreaterThanOrEqual(I / 2);
      expect(next - started).toBeLessThanOrEqual(1.5 * I);
      expect((next - phase) % I).toBe(0);
    }
  });
});
