import { describe, expect, it } from 'vitest';
import type { Status } from '../../contracts/words.js';
import { affectedWithin, isAffected, isSuspect, troubledWithin, updateLastAffectedAt } from './affected.js';

const NOW = Date.UTC(2025, 2, 4, 7, 30);
const W = 5 * 60_000;

describe('isAffected', () => {
  it.each<[Status, boolean]>([
    ['operational', false],
    ['degraded', true],
    ['down', true],
    ['unknown', false],
    ['maintenance', false],
  ])('%s → %s', (status, expected) => expect(isAffected(status)).toBe(expected));
});

describe('affectedWithin (the perimeter window)', () => {
  it.each<[string, Status, number | undefined, boolean]>([
    ['degraded now', 'degraded', undefined, true],
    ['down now', 'down', undefined, true],
    ['operational, never failed', 'operational', undefined, false],
    ['recovered just now', 'operational', NOW, true],
    ['recovered 1 ms inside the window', 'operational', NOW - W + 1, true],
    ['recovered exactly one window ago', 'operational', NOW - W, false],
    ['recovered long ago', 'operational', NOW - 2 * W, false],
    ['unknown, failing a minute ago', 'unknown', NOW - 60_000, true],
    ['unknown, never failed', 'unknown', undefined, false],
    ['in maintenance, failing a minute ago', 'maintenance', NOW - 60_000, false],
    ['last failure in the future (clock skew) ignored', 'operational', NOW + 1_000, false],
  ])('%s', (_, status, lastAffectedAt, expected) => {
    expect(affectedWithin({ status, lastAffectedAt }, NOW, W)).toBe(expected);
  });
});

describe('troubledWithin adds suspect links', () => {
  it.each<[Status, boolean | undefined, boolean]>([
    ['operational', true, true],
    ['operational', false, false],
    ['operational', undefined, false],
    ['unknown', true, true],
    ['maintenance', true, false],
    ['down', false, true],
  ])('%s, suspect %s → %s', (status, suspect, expected) => {
    expect(troubledWithin({ status, suspect }, NOW, W)).toBe(expected);
  });
});

describe('updateLastAffectedAt', () => {
  it.each<[number | undefined, Status, number | undefined]>([
    [undefined, 'operational', undefined],
    [undefined, 'degraded', NOW],
    [NOW - 1_000, 'down', NOW],
    [NOW - 1_000, 'operational', NOW - 1_000],
    [NOW - 1_000, 'unknown', NOW - 1_000],
    [NOW - 1_000, 'maintenance', NOW - 1_000],
  ])('previous %s, status %s → %s', (previous, status, expected) => {
    expect(updateLastAffectedAt(previous, status, NOW)).toBe(expected);
  });
});

describe('isSuspect', () => {
  it.each<[string, { failures: number; slows: number }[], boolean]>([
    ['no checks', [], false],
    ['all clean', [{ failures: 0, slows: 0 }], false],
    ['one slow answer', [{ failures: 0, slows: 1 }], true],
    ['one failure on the second check', [{ failures: 0, slows: 0 }, { failures: 1, slows: 0 }], true],
  ])('%s → %s', (_, checks, expected) => expect(isSuspect(checks)).toBe(expected));
});
