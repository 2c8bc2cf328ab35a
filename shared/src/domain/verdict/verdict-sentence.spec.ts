import { describe, expect, it } from 'vitest';
import type { Status } from '../../contracts/words.js';
import { howBad, listNames } from './verdict-sentence.js';

describe('listNames', () => {
  it.each<[string[], string]>([
    [[], ''],
    [['A'], 'A'],
    [['A', 'B'], 'A and B'],
    [['A', 'B', 'C'], 'A, B and C'],
    [['A', 'B', 'C', 'D'], 'A, B, C and D'],
    [['A', 'B', 'C', 'D', 'E'], 'A, B, C and 2 more'],
  ])('%j → %s', (names, expected) => expect(listNames(names)).toBe(expected));
});

describe('howBad', () => {
  it.each<[Status[], string]>([
    [['degraded'], 'slow'],
    [['degraded', 'degraded'], 'slow'],
    [['down'], 'down'],
    [['degraded', 'down'], 'slow or down'],
    [['down', 'operational'], 'down'],
    [['maintenance'], 'in maintenance'],
    [['operational'], 'failing'],
    [[], 'failing'],
  ])('%j → %s', (statuses, expected) => expect(howBad(statuses)).toBe(expected));
});
