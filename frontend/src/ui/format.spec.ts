import { describe, expect, it } from 'vitest';
import { formatHeldFor, formatLatency, formatTimeOfDay } from './format';

describe('formatHeldFor', () => {
  it.each([
    [0, 'for 0 s'],
    [-5_000, 'for 0 s'],
    [42_000, 'for 42 s'],
    [12 * 60_000 + 59_000, 'for 12 min'],
    [3 * 3_600_000, 'for 3 h'],
    [3 * 3_600_000 + 5 * 60_000, 'for 3 h 5 min'],
    [2 * 86_400_000 + 4 * 3_600_000, 'for 2 d 4 h'],
    [86_400_000, 'for 1 d'],
  ])('%d ms reads "%s"', (ms, text) => expect(formatHeldFor(ms)).toBe(text));
});

describe('formatLatency', () => {
  it.each([
    [340, '340 ms'],
    [2300.4, '2300 ms'],
    [12_480, '12.5 s'],
    [null, null],
  ])('%s reads %s', (ms, text) => expect(formatLatency(ms)).toBe(text));
});

describe('formatTimeOfDay', () => {
  const t = Date.parse('2025-11-26T06:31:05Z');
  it('uses the site time zone, 24-hour', () => {
    expect(formatTimeOfDay(t, 'Europe/Brussels')).toBe('07:31:05');
    expect(formatTimeOfDay(t, 'Europe/Brussels', false)).toBe('07:31');
    expect(formatTimeOfDay(Date.parse('2025-11-26T23:05:00Z'), 'UTC')).toBe('23:05:00');
  });
  it('falls back to UTC for a zone it does not know', () => {
    expect(formatTimeOfDay(t, 'Mars/Olympus')).toBe('06:31:05');
  });
});
