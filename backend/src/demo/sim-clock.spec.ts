import { describe, expect, it } from 'vitest';
import { SimClock, isoInZone } from './sim-clock.js';

/** A real clock the test moves by hand. */
function fakeNow(start = Date.UTC(2025, 0, 15, 6, 0)) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('SimClock', () => {
  it('starts at the given wall time and runs timeFactor simulated seconds per real second', () => {
    const real = fakeNow();
    const clock = new SimClock('07:15', 60, 'Europe/Brussels', real.now);
    expect(clock.hhmm()).toBe('07:15');
    real.advance(5_000); // 5 real seconds at 60× = 5 simulated minutes
    expect(clock.hhmm()).toBe('07:20');
    expect(clock.minute()).toBe(7 * 60 + 20);
  });

  it('plays the 07:15–11:00 morning in 225 real seconds at 60×', () => {
    const real = fakeNow();
    const clock = new SimClock('07:15', 60, 'Europe/Brussels', real.now);
    expect(clock.realMsUntil(11 * 60)).toBe(225_000);
    real.advance(225_000);
    expect(clock.hhmm()).toBe('11:00');
    expect(clock.realMsUntil(11 * 60)).toBe(0);
  });

  it.each([
    // winter (+01:00) and summer (+02:00) in Brussels
    [Date.UTC(2025, 0, 15, 6, 0), '2025-01-15T07:15:00.000+01:00'],
    [Date.UTC(2025, 6, 15, 6, 0), '2025-07-15T07:15:00.000+02:00'],
  ])('gives its time as ISO with the Brussels offset (%#)', (realStart, iso) => {
    expect(new SimClock('07:15', 3000, 'Europe/Brussels', () => realStart).iso()).toBe(iso);
  });

  it('keeps counting past midnight so scenarios stay in order', () => {
    const real = fakeNow();
    const clock = new SimClock('23:50', 60, 'Europe/Brussels', real.now);
    real.advance(20_000);
    expect(clock.minute()).toBe(24 * 60 + 10);
    expect(clock.hhmm()).toBe('00:10');
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('refuses timeFactor %s', (factor) => {
    expect(() => new SimClock('07:15', factor, 'Europe/Brussels')).toThrow(/timeFactor/);
  });

  it('formats any instant with its offset', () => {
    expect(isoInZone(Date.UTC(2025, 2, 14, 6, 20), 'Europe/Brussels')).toBe('2025-03-14T07:20:00.000+01:00');
    expect(isoInZone(Date.UTC(2025, 2, 14, 6, 20), 'UTC')).toBe('2025-03-14T06:20:00.000+00:00');
  });
});
