import { describe, expect, it } from 'vitest';
import type { Attribution } from '../../contracts/snapshot.js';
import type { Status } from '../../contracts/words.js';
import { incidentGroupFor, isCommonCause, PERIMETER_TITLE, type IncidentInput } from './incident-groups.js';

const engine = (status: Status): IncidentInput => ({ id: 'engine', name: 'Interface engine', side: 'internal', status, attribution: null });
const lab = (status: Status, attribution: Attribution | null, extra: Partial<IncidentInput> = {}): IncidentInput => ({
  id: 'synlab-results', name: 'Synlab lab results', side: 'external', partner: 'Synlab', status, attribution, ...extra,
});
const byId = (...items: IncidentInput[]): Map<string, IncidentInput> => new Map(items.map((i) => [i.id, i]));

describe('incidentGroupFor', () => {
  const cases: [string, IncidentInput, IncidentInput[], ReturnType<typeof incidentGroupFor>][] = [
    ['operational: none', lab('operational', null), [], null],
    ['unknown: none', lab('unknown', null), [], null],
    ['maintenance: none', lab('maintenance', null), [], null],
    ['failing without an attribution: none', lab('down', null), [], null],
    ['perimeter', lab('degraded', { cause: 'perimeter' }), [], { key: 'perimeter', kind: 'perimeter', title: PERIMETER_TITLE }],
    ['partner', lab('down', { cause: 'partner' }), [], { key: 'partner:Synlab', kind: 'partner', subject: 'Synlab', title: 'Partner: Synlab' }],
    ['partner without a name: its id', lab('down', { cause: 'partner' }, { partner: undefined }), [], { key: 'partner:synlab-results', kind: 'partner', subject: 'synlab-results', title: 'Partner: synlab-results' }],
    ['self, external', lab('down', { cause: 'self' }), [], { key: 'integration:synlab-results', kind: 'integration', subject: 'synlab-results', title: 'Synlab lab results' }],
    [
      'self, internal: the same key as what depends on it',
      { ...engine('down'), attribution: { cause: 'self' } },
      [],
      { key: 'internal:engine', kind: 'internal', subject: 'engine', title: 'Inside the hospital: Interface engine' },
    ],
    [
      'dependency via the engine',
      lab('down', { cause: 'dependency', via: 'engine' }),
      [engine('down')],
      { key: 'internal:engine', kind: 'internal', subject: 'engine', title: 'Inside the hospital: Interface engine' },
    ],
    ['dependency via an engine in maintenance: planned, no incident', lab('down', { cause: 'dependency', via: 'engine' }), [engine('maintenance')], null],
  ];
  it.each(cases)('%s', (_, item, others, expected) => {
    expect(incidentGroupFor(item, byId(item, ...others))).toEqual(expected);
  });
});

describe('isCommonCause', () => {
  it.each([
    ['perimeter', true],
    ['internal', true],
    ['partner', false],
    ['integration', false],
  ] as const)('%s → %s', (kind, expected) => expect(isCommonCause(kind)).toBe(expected));
});
