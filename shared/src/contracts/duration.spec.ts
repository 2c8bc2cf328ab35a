import { describe, expect, it } from 'vitest';
import { durationSchema, formatDuration, parseDuration } from './duration.js';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['2d', 172_800_000],
    ['1.5s', 1_500],
    ['0.25m', 15_000],
    ['1ms', 1],
    [' 30s ', 30_000],
    ['5 m', 300_000],
    ['0s', 0],
  ])('%j is %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['30', '-1s', '5 minutes', '', 's', '1.s', '.5s', '30S', '1h30m', '30 s s', '1e3ms', 'thirty seconds'])(
    'does not parse %j',
    (text) => expect(parseDuration(text)).toBeUndefined(),
  );
});

describe('formatDuration', () => {
  it.each([
    [500, '500ms'],
    [1_500, '1500ms'],
    [30_000, '30s'],
    [90_000, '90s'],
    [300_000, '5m'],
    [5_400_000, '90m'],
    [3_600_000, '1h'],
    [86_400_000, '24h'],
    [0, '0ms'],
  ])('%d ms is written %j', (ms, text) => expect(formatDuration(ms)).toBe(text));

  it.each(['500ms', '30s', '5m', '1h'])('round-trips %j', (text) => expect(formatDuration(parseDuration(text)!)).toBe(text));
});

describe('durationSchema (a catalog duration)', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['1.5s', 1_500],
  ])('accepts %j as %d ms', (text, ms) => expect(durationSchema.parse(text)).toBe(ms));

  it.each([
    ['30', 'expected a duration such as 30s or 5m, got "30"'],
    ['-1s', 'expected a duration such as 30s or 5m, got "-1s"'],
    ['5 minutes', 'expected a duration such as 30s or 5m, got "5 minutes"'],
    ['0s', 'expected a duration such as 30s or 5m, got "0s"'],
    ['0ms', 'expected a duration such as 30s or 5m, got "0ms"'],
    ['0.4ms', 'expected a duration such as 30s or 5m, got "0.4ms"'],
    [30, 'expected a duration such as 30s or 5m'],
    [null, 'expected a duration such as 30s or 5m'],
  ] as const)('refuses %j: %s', (input, message) => {
    const result = durationSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual([message]);
  });
});
