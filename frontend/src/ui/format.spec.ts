import { describe, expect, it } from 'vitest';
import { fixedT } from '../i18n/use-t';
import { formatApprox, formatDay, formatHeldFor, formatLatency, formatSiteTime, formatTimeOfDay } from './format';

const en = fixedT('en');

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
  ])('%d ms reads "%s"', (ms, text) => expect(formatHeldFor(ms, en)).toBe(text));

  it.each([
    ['nl', 'sinds 3 u 5 min'],
    ['fr', 'depuis 3 h 5 min'],
  ] as const)('speaks %s', (language, text) => expect(formatHeldFor(3 * 3_600_000 + 5 * 60_000, fixedT(language))).toBe(text));
});

describe('formatApprox', () => {
  it.each([
    [10_000, '~1 min'],
    [4 * 60_000 + 20_000, '~4 min'],
    [23 * 60_000, '~25 min'],
    [27 * 60_000, '~25 min'],
    [62 * 60_000, '~1 h'],
    [100 * 60_000, '~1.5 h'],
  ])('%d ms reads "%s"', (ms, text) => expect(formatApprox(ms, en)).toBe(text));

  it('writes decimals the local way', () => expect(formatApprox(100 * 60_000, fixedT('fr'), 'fr-BE')).toBe('~1,5 h'));
});

describe('formatLatency', () => {
  it.each([
    [340, '340 ms'],
    [2300.4, '2300 ms'],
    [12_480, '12.5 s'],
    [null, null],
  ])('%s reads %s', (ms, text) => expect(formatLatency(ms)).toBe(text));
});

describe('times in the site time zone', () => {
  const t = Date.parse('2025-11-26T06:31:05Z');
  it('uses the site time zone, 24-hour', () => {
    expect(formatTimeOfDay(t, 'Europe/Brussels')).toBe('07:31:05');
    expect(formatTimeOfDay(t, 'Europe/Brussels', false)).toBe('07:31');
    expect(formatTimeOfDay(Date.parse('2025-11-26T23:05:00Z'), 'UTC')).toBe('23:05:00');
  });
  it('falls back to UTC for a zone it does not know', () => {
    expect(formatTimeOfDay(t, 'Mars/Olympus')).toBe('06:31:05');
  });
  it('names the day in the language', () => {
    expect(formatDay(t, 'Europe/Brussels')).toBe('Wed 26 Nov');
    expect(formatDay(t, 'Europe/Brussels', 'nl-BE')).toMatch(/^wo 26 nov/);
    expect(formatDay(t, 'Europe/Brussels', 'fr-BE')).toMatch(/^mer\.? 26 nov/);
  });
  it('adds the date only when it is another day at the site', () => {
    expect(formatSiteTime(t, 'Europe/Brussels', 'en-GB', t + 3_600_000)).toBe('07:31');
    expect(formatSiteTime(t, 'Europe/Brussels', 'en-GB', t + 86_400_000)).toBe('26 Nov 07:31');
    expect(formatSiteTime(Date.parse('2025-11-26T23:30:00Z'), 'Europe/Brussels', 'en-GB', Date.parse('2025-11-26T20:00:00Z'))).toBe('27 Nov 00:30');
  });
});
