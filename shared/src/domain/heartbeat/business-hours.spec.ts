import { describe, expect, it } from 'vitest';
import { businessHoursChangedAt, inBusinessHours, type BusinessHours } from './business-hours.js';

const BRUSSELS = 'Europe/Brussels';
const WEEKDAYS_8_TO_18: BusinessHours = { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '18:00' };
const at = (iso: string) => Date.parse(iso);

describe('inBusinessHours: mon-fri 08:00-18:00, Brussels wall-clock time', () => {
  it.each<[string, string, boolean]>([
    // 2026-03-02 is a Monday; Brussels is UTC+1 until 29 March, then UTC+2.
    ['Monday 07:59 (winter)', '2026-03-02T07:59:00+01:00', false],
    ['Monday 08:00, from is inclusive', '2026-03-02T08:00:00+01:00', true],
    ['Monday 12:00', '2026-03-02T12:00:00+01:00', true],
    ['Monday 17:59', '2026-03-02T17:59:59+01:00', true],
    ['Monday 18:00, to is exclusive', '2026-03-02T18:00:00+01:00', false],
    ['Friday 17:00', '2026-03-06T17:00:00+01:00', true],
    ['Saturday 10:00', '2026-03-07T10:00:00+01:00', false],
    ['Sunday 10:00', '2026-03-08T10:00:00+01:00', false],
    ['Monday 08:00 in summer time', '2026-06-01T08:00:00+02:00', true],
    ['Monday 07:59 in summer time', '2026-06-01T07:59:00+02:00', false],
    ['the first Monday after the clocks go forward, 08:00', '2026-03-30T08:00:00+02:00', true],
    ['07:30 UTC is 08:30 in Brussels: open', '2026-03-02T07:30:00Z', true],
    ['17:30 UTC is 18:30 in Brussels: closed', '2026-03-02T17:30:00Z', false],
    ['Monday 00:30 in Brussels is still Sunday in UTC', '2026-03-01T23:30:00Z', false],
  ])('%s', (_, time, expected) => expect(inBusinessHours(WEEKDAYS_8_TO_18, at(time), BRUSSELS)).toBe(expected));

  it.each<[string, BusinessHours, string, string, boolean]>([
    ['UTC hours are UTC', WEEKDAYS_8_TO_18, 'UTC', '2026-03-02T07:59:00Z', false],
    ['UTC hours, 08:00', WEEKDAYS_8_TO_18, 'UTC', '2026-03-02T08:00:00Z', true],
    ['to 24:00 covers the last minute of the day', { days: ['sat'], from: '00:00', to: '24:00' }, BRUSSELS, '2026-03-07T23:59:59+01:00', true],
    ['to 24:00 ends at midnight', { days: ['sat'], from: '00:00', to: '24:00' }, BRUSSELS, '2026-03-08T00:00:00+01:00', false],
    ['a single day listed', { days: ['wed'], from: '09:00', to: '12:00' }, BRUSSELS, '2026-03-04T09:30:00+01:00', true],
    ['another day, same hour', { days: ['wed'], from: '09:00', to: '12:00' }, BRUSSELS, '2026-03-05T09:30:00+01:00', false],
  ])('%s', (_, hours, tz, time, expected) => expect(inBusinessHours(hours, at(time), tz)).toBe(expected));
});

describe('businessHoursChangedAt: the last opening or closing', () => {
  it.each<[string, BusinessHours, string, string | undefined]>([
    ['during the day: this morning', WEEKDAYS_8_TO_18, '2026-03-03T10:00:00+01:00', '2026-03-03T08:00:00+01:00'],
    ['at the opening itself', WEEKDAYS_8_TO_18, '2026-03-03T08:00:00+01:00', '2026-03-03T08:00:00+01:00'],
    ['one ms before the opening: last evening', WEEKDAYS_8_TO_18, '2026-03-03T07:59:59.999+01:00', '2026-03-02T18:00:00+01:00'],
    ['the evening: this evening', WEEKDAYS_8_TO_18, '2026-03-03T21:00:00+01:00', '2026-03-03T18:00:00+01:00'],
    ['Monday early: Friday evening', WEEKDAYS_8_TO_18, '2026-03-02T07:00:00+01:00', '2026-02-27T18:00:00+01:00'],
    ['Saturday: Friday evening', WEEKDAYS_8_TO_18, '2026-03-07T12:00:00+01:00', '2026-03-06T18:00:00+01:00'],
    ['across the spring change: Friday 18:00 winter time', WEEKDAYS_8_TO_18, '2026-03-30T07:00:00+02:00', '2026-03-27T18:00:00+01:00'],
    ['after the spring change: 08:00 summer time', WEEKDAYS_8_TO_18, '2026-03-30T09:00:00+02:00', '2026-03-30T08:00:00+02:00'],
    ['across the autumn change: Friday 18:00 summer time', WEEKDAYS_8_TO_18, '2026-10-26T07:00:00+01:00', '2026-10-23T18:00:00+02:00'],
    ['a weekend of two whole days: Saturday 00:00, not midnight between them', { days: ['sat', 'sun'], from: '00:00', to: '24:00' }, '2026-03-08T12:00:00+01:00', '2026-03-07T00:00:00+01:00'],
    ['open around the clock: never changes', { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], from: '00:00', to: '24:00' }, '2026-03-08T12:00:00+01:00', undefined],
    ['one day a week, open now: this morning', { days: ['mon'], from: '08:00', to: '09:00' }, '2026-03-09T08:30:00+01:00', '2026-03-09T08:00:00+01:00'],
    ['one day a week, just before it opens: last week', { days: ['mon'], from: '08:00', to: '09:00' }, '2026-03-09T07:00:00+01:00', '2026-03-02T09:00:00+01:00'],
  ])('%s', (_, hours, now, expected) => {
    expect(businessHoursChangedAt(hours, at(now), BRUSSELS)).toBe(expected === undefined ? undefined : at(expected));
  });
});
