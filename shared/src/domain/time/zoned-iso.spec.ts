import { describe, expect, it } from 'vitest';
import { formatOffset, formatZonedIso, zoneOffsetMinutes } from './zoned-iso.js';

describe('formatZonedIso', () => {
  it.each([
    ['winter in Brussels', '2025-03-04T06:31:00.000Z', 'Europe/Brussels', '2025-03-04T07:31:00.000+01:00'],
    ['summer in Brussels', '2025-07-01T05:00:00.250Z', 'Europe/Brussels', '2025-07-01T07:00:00.250+02:00'],
    ['last winter second before the spring change', '2025-03-30T00:59:59.000Z', 'Europe/Brussels', '2025-03-30T01:59:59.000+01:00'],
    ['first summer second after it', '2025-03-30T01:00:00.000Z', 'Europe/Brussels', '2025-03-30T03:00:00.000+02:00'],
    ['first pass through 02:30 on the autumn change', '2025-10-26T00:30:00.000Z', 'Europe/Brussels', '2025-10-26T02:30:00.000+02:00'],
    ['second pass through 02:30', '2025-10-26T01:30:00.000Z', 'Europe/Brussels', '2025-10-26T02:30:00.000+01:00'],
    ['a zone west of UTC', '2025-01-15T12:00:00.000Z', 'America/New_York', '2025-01-15T07:00:00.000-05:00'],
    ['a half-hour zone', '2025-01-15T12:00:00.000Z', 'Asia/Kolkata', '2025-01-15T17:30:00.000+05:30'],
    ['UTC', '2025-01-15T12:00:00.000Z', 'UTC', '2025-01-15T12:00:00.000+00:00'],
    ['an unknown zone falls back to UTC', '2025-01-15T12:00:00.000Z', 'Mars/Olympus', '2025-01-15T12:00:00.000+00:00'],
    ['across midnight into the next local day', '2025-03-04T23:30:00.000Z', 'Europe/Brussels', '2025-03-05T00:30:00.000+01:00'],
  ])('%s', (_name, utc, zone, expected) => {
    const ms = Date.parse(utc);
    expect(formatZonedIso(ms, zone)).toBe(expected);
    // The text names the same instant.
    expect(Date.parse(formatZonedIso(ms, zone))).toBe(ms);
  });

  it('leaves milliseconds out when asked', () => {
    expect(formatZonedIso(Date.parse('2025-03-04T06:31:00.999Z'), 'Europe/Brussels', { millis: false })).toBe('2025-03-04T07:31:00+01:00');
  });

  it('stays right when formatting many times in a row across a change of offset', () => {
    const start = Date.parse('2025-03-30T00:00:00.000Z');
    for (let ms = start; ms < start + 2 * 3_600_000; ms += 61_000) {
      expect(Date.parse(formatZonedIso(ms, 'Europe/Brussels'))).toBe(ms);
    }
  });

  it('offsets', () => {
    expect(zoneOffsetMinutes(Date.parse('2025-07-01T00:00:00Z'), 'Europe/Brussels')).toBe(120);
    expect(formatOffset(-210)).toBe('-03:30');
    expect(formatOffset(0)).toBe('+00:00');
  });
});
