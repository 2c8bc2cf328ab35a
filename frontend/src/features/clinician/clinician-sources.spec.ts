import { describe, expect, it } from 'vitest';
import type { CatalogIntegration } from '../../api/types';
import { anIntegration, T0 } from '../../testing/builders';
import { clinicianSources, hospitalState, latenessOf, sourceKindOf } from './clinician-sources';

const min = 60_000;

describe('sourceKindOf: what clinicians call a source', () => {
  it.each([
    [{ category: 'lab', id: 'synlab-results', name: 'Synlab' }, 'lab'],
    [{ category: 'regional-records', id: 'cozo-hub', name: 'CoZo' }, 'regional-records'],
    [{ category: 'insurer', id: 'mycarenet', name: 'MyCareNet' }, 'insurer'],
    [{ category: 'imaging', id: 'imaging-exchange', name: 'Imaging' }, 'imaging'],
    [{ category: 'ehealth', id: 'recipe-prescriptions', name: 'Recip-e electronic prescriptions' }, 'prescriptions'],
    [{ category: 'pharmacy', id: 'x', name: 'Pharmacy link', clinicianSummary: 'Sending electronic prescriptions' }, 'prescriptions'],
    [{ category: 'ehealth', id: 'ehealth-platform', name: 'eHealth platform' }, 'ehealth'],
    [{ category: 'pharmacy', id: 'medication-database', name: 'Medication database (SAM)' }, 'pharmacy'],
  ] as const)('%j → %s', (i, kind) => expect(sourceKindOf(i)).toBe(kind));
});

describe('latenessOf: how late data may be', () => {
  const since = new Date(T0 - 23 * min).toISOString();
  it.each([
    ['operational', undefined, { kind: 'none' }],
    ['unknown', undefined, { kind: 'none' }],
    ['maintenance', undefined, { kind: 'none' }],
    ['degraded', undefined, { kind: 'some' }],
    ['degraded', 10 * min, { kind: 'upTo', ms: 10 * min }],
    ['down', undefined, { kind: 'upTo', ms: 23 * min }],
    ['down', 40 * min, { kind: 'upTo', ms: 40 * min }],
  ] as const)('%s with delay %s → %j', (status, delay, lateness) => expect(latenessOf({ status, since, delay }, T0)).toEqual(lateness));
});

describe('clinicianSources', () => {
  const catalog = [
    { id: 'synlab-results', clinician: { summary: 'Results of tests sent to Synlab', fallback: 'Phone the lab', contact: 'Synlab, +32 9 000 00 00' } },
  ] as CatalogIntegration[];

  it('lists outside sources only (no canaries, no hospital systems), worst first, with the catalog’s words', () => {
    const integrations = [
      anIntegration({ id: 'engine', side: 'internal', category: 'application' }),
      anIntegration({ id: 'gateway', category: 'network', role: 'canary', status: 'down' }),
      anIntegration({ id: 'synlab-results', status: 'operational' }),
      anIntegration({ id: 'cozo-hub', category: 'regional-records', partner: 'CoZo', status: 'degraded' }),
      anIntegration({ id: 'imaging', category: 'imaging', partner: 'AZ', status: 'down' }),
    ];
    const sources = clinicianSources(integrations, catalog, T0);
    expect(sources.map((s) => [s.id, s.kind, s.status])).toEqual([
      ['imaging', 'imaging', 'down'],
      ['cozo-hub', 'regional-records', 'degraded'],
      ['synlab-results', 'lab', 'operational'],
    ]);
    expect(sources[2]).toMatchObject({ summary: 'Results of tests sent to Synlab', fallback: 'Phone the lab', contact: 'Synlab, +32 9 000 00 00' });
    expect(sources[0].summary).toBeUndefined();
  });

  it('works without the catalog (not loaded yet)', () => {
    expect(clinicianSources([anIntegration()], undefined, T0)).toHaveLength(1);
  });
});

describe('hospitalState', () => {
  const inside = (name: string, status: 'operational' | 'degraded' | 'down' | 'unknown' | 'maintenance') => anIntegration({ id: name, name, side: 'internal', status });
  it.each([
    [[inside('EHR', 'operational')], { kind: 'normal' }],
    [[inside('EHR', 'down'), inside('LIS', 'degraded'), inside('PACS', 'unknown')], { kind: 'problems', names: ['EHR', 'LIS'] }],
    [[inside('EHR', 'operational'), inside('PACS', 'unknown')], { kind: 'unknown', names: ['PACS'] }],
    [[inside('EHR', 'maintenance')], { kind: 'maintenance', names: ['EHR'] }],
    [[anIntegration({ status: 'down' })], { kind: 'normal' }],
  ] as const)('%#', (integrations, state) => expect(hospitalState(integrations)).toEqual(state));
});
