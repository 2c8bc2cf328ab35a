import { describe, expect, it } from 'vitest';
import type { Side, Status } from '../../contracts/words.js';
import { findFailingDependency, isFailingInternal, type DependencyNode } from './dependency-root.js';

type Row = [id: string, side: Side, status: Status, dependsOn?: string[]];
const graph = (rows: Row[]): Map<string, DependencyNode> =>
  new Map(rows.map(([id, side, status, dependsOn = []]) => [id, { id, side, status, dependsOn }]));

describe('isFailingInternal', () => {
  it.each<[Side, Status, boolean]>([
    ['internal', 'down', true],
    ['internal', 'degraded', true],
    ['internal', 'maintenance', true],
    ['internal', 'unknown', false],
    ['internal', 'operational', false],
    ['external', 'down', false],
  ])('%s %s → %s', (side, status, expected) => expect(isFailingInternal({ id: 'x', side, status, dependsOn: [] })).toBe(expected));
  it('an unknown id is not failing', () => expect(isFailingInternal(undefined)).toBe(false));
});

describe('findFailingDependency', () => {
  const cases: [string, Row[], string, { root: string; path: string[]; others: string[] } | undefined][] = [
    ['no dependencies', [['lab', 'external', 'down']], 'lab', undefined],
    ['healthy dependency', [['lab', 'external', 'down', ['engine']], ['engine', 'internal', 'operational']], 'lab', undefined],
    ['direct failing dependency', [['lab', 'external', 'down', ['engine']], ['engine', 'internal', 'down']], 'lab', { root: 'engine', path: ['engine'], others: [] }],
    ['degraded dependency counts', [['lab', 'external', 'down', ['engine']], ['engine', 'internal', 'degraded']], 'lab', { root: 'engine', path: ['engine'], others: [] }],
    ['dependency in maintenance counts', [['lab', 'external', 'down', ['engine']], ['engine', 'internal', 'maintenance']], 'lab', { root: 'engine', path: ['engine'], others: [] }],
    ['unknown dependency is no evidence', [['lab', 'external', 'down', ['engine']], ['engine', 'internal', 'unknown']], 'lab', undefined],
    ['a failing external dependency is not internal', [['hub', 'external', 'down', ['ehealth']], ['ehealth', 'external', 'down']], 'hub', undefined],
    [
      'transitive: the deepest failing one is the root',
      [['lab', 'external', 'down', ['engine']], ['engine', 'internal', 'down', ['firewall']], ['firewall', 'internal', 'down']],
      'lab',
      { root: 'firewall', path: ['engine', 'firewall'], others: [] },
    ],
    [
      'transitive through a healthy node',
      [['lab', 'external', 'down', ['engine']], ['engine', 'internal', 'operational', ['firewall']], ['firewall', 'internal', 'down']],
      'lab',
      { root: 'firewall', path: ['engine', 'firewall'], others: [] },
    ],
    [
      'transitive through an external node',
      [['hub', 'external', 'down', ['ehealth']], ['ehealth', 'external', 'down', ['firewall']], ['firewall', 'internal', 'down']],
      'hub',
      { root: 'firewall', path: ['ehealth', 'firewall'], others: [] },
    ],
    [
      'three levels deep',
      [['a', 'external', 'down', ['b']], ['b', 'internal', 'down', ['c']], ['c', 'internal', 'down', ['d']], ['d', 'internal', 'degraded']],
      'a',
      { root: 'd', path: ['b', 'c', 'd'], others: [] },
    ],
    [
      'shortest path wins when the root is also a direct dependency',
      [['lab', 'external', 'down', ['engine', 'firewall']], ['engine', 'internal', 'operational', ['firewall']], ['firewall', 'internal', 'down']],
      'lab',
      { root: 'firewall', path: ['firewall'], others: [] },
    ],
    [
      'diamond: a failing node reached twice is still not a root',
      [['x', 'external', 'down', ['a', 'b']], ['a', 'internal', 'down', ['core']], ['b', 'internal', 'down', ['core']], ['core', 'internal', 'down']],
      'x',
      { root: 'core', path: ['a', 'core'], others: [] },
    ],
    [
      'two independent roots: first in declaration order, the other listed',
      [['lab', 'external', 'down', ['engine', 'firewall']], ['engine', 'internal', 'down'], ['firewall', 'internal', 'down']],
      'lab',
      { root: 'engine', path: ['engine'], others: ['firewall'] },
    ],
    ['unknown ids are skipped', [['lab', 'external', 'down', ['ghost']]], 'lab', undefined],
    ['a cycle (refused by the catalog) does not hang', [['a', 'internal', 'down', ['b']], ['b', 'internal', 'down', ['a']]], 'a', undefined],
  ];
  it.each(cases)('%s', (_, rows, id, expected) => {
    expect(findFailingDependency(id, graph(rows))).toEqual(expected);
  });
});
