import { describe, expect, it } from 'vitest';
import { formatClockTime } from './clock-time.js';

describe('formatClockTime', () => {
  it.each<[string, number, string, number | undefined, string]>([
    ['UTC', Date.UTC(2025, 2, 4, 7, 31), 'UTC', undefined, '07:31'],
    ['Brussels in winter is UTC+1', Date.UTC(2025, 2, 4, 6, 31), 'Europe/Brussels', undefined, '07:31'],
    ['Brussels in summer is UTC+2', Date.UTC(2025, 6, 4, 5, 31), 'Europe/Brussels', undefined, '07:31'],
    ['midnight reads 00:00, not 24:00', Date.UTC(2025, 2, 4, 0, 0), 'UTC', undefined, '00:00'],
    ['same local day: time only', Date.UTC(2025, 2, 4, 13, 0), 'Europe/Brussels', Date.UTC(2025, 2, 4, 8, 0), '14:00'],
    ['another local day: with the date', Date.UTC(2025, 2, 5, 13, 0), 'Europe/Brussels', Date.UTC(2025, 2, 4, 8, 0), '5 Mar 14:00'],
    ['the day is the local one (23:30 UTC is tomorrow in Brussels)', Date.UTC(2025, 2, 4, 23, 30), 'Europe/Brussels', Date.UTC(2025, 2, 4, 20, 0), '5 Mar 00:30'],
  ])('%s', (_, ms, tz, today, expected) => expect(formatClockTime(ms, tz, today)).toBe(expected));
});
