import { describe, expect, it } from 'vitest';
import { AUDIT_EXPORT_FORMATS, EXPORT_DIGEST_HEADER } from '@lifeline/shared';
import { anIncident, T0 } from '../../testing/builders';
import { DIGEST_HEADER, EXPORT_FORMATS, epochToZonedLocal, exportHref, lastIncident, startOfDay, windowFor, zonedLocalToEpoch } from './audit-window';

const BXL = 'Europe/Brussels';

describe('site time ↔ instants', () => {
  it.each([
    ['2025-11-26T07:20', BXL, '2025-11-26T06:20:00.000Z'], // winter, +01:00
    ['2025-07-01T07:20', BXL, '2025-07-01T05:20:00.000Z'], // summer, +02:00
    ['2025-03-30T03:30', BXL, '2025-03-30T01:30:00.000Z'], // just after clocks go forward
    ['2025-10-26T01:59', BXL, '2025-10-25T23:59:00.000Z'], // just before clocks go back
    ['2025-11-26T07:20', 'America/New_York', '2025-11-26T12:20:00.000Z'],
    ['2025-11-26T07:20', 'Not/AZone', '2025-11-26T07:20:00.000Z'], // unknown zone: UTC
  ])('%s in %s is %s', (local, zone, iso) => expect(new Date(zonedLocalToEpoch(local, zone)!).toISOString()).toBe(iso));

  it.each(['', '2025-11-26', '2025-02-31T10:00', 'yesterday'])('%j is no time', (local) => expect(zonedLocalToEpoch(local, BXL)).toBeNull());

  it('reads back what it writes, and finds midnight at the site', () => {
    expect(epochToZonedLocal(T0, BXL)).toBe('2025-11-26T07:45');
    expect(new Date(startOfDay(T0, BXL)).toISOString()).toBe('2025-11-25T23:00:00.000Z');
    expect(new Date(startOfDay(Date.parse('2025-11-26T23:30:00Z'), BXL)).toISOString()).toBe('2025-11-26T23:00:00.000Z'); // 00:30 on the 27th in Ghent
  });
});

describe('the export window', () => {
  const base = { incident: undefined, now: T0, timeZone: BXL, from: '', to: '' };

  it('takes the last incident, open (until now) or resolved, in whole seconds that hold it', () => {
    const open = anIncident({ openedAt: '2025-11-26T06:31:00.000Z' });
    const older = anIncident({ id: 'inc-0', openedAt: '2025-11-25T10:00:00.700Z', resolvedAt: '2025-11-25T10:59:59.300Z' });
    expect(lastIncident([older, open])).toBe(open);
    expect(lastIncident([])).toBeUndefined();
    expect(windowFor('incident', { ...base, incident: open })).toEqual({ window: { from: '2025-11-26T07:31:00+01:00' } });
    expect(windowFor('incident', { ...base, incident: older })).toEqual({ window: { from: '2025-11-25T11:00:00+01:00', to: '2025-11-25T12:00:00+01:00' } });
    expect(windowFor('incident', base)).toEqual({ problem: 'noIncident' });
  });

  it('takes today from midnight at the site', () => {
    expect(windowFor('today', base)).toEqual({ window: { from: '2025-11-26T00:00:00+01:00' } });
  });

  it.each([
    ['2025-11-26T07:00', '2025-11-26T11:00', { window: { from: '2025-11-26T07:00:00+01:00', to: '2025-11-26T11:00:00+01:00' } }],
    ['2025-11-26T11:00', '2025-11-26T07:00', { problem: 'order' }],
    ['2025-11-26T07:00', '', { problem: 'missing' }],
    ['2024-01-01T00:00', '2025-11-26T00:00', { problem: 'tooLong' }],
  ])('custom %s → %s', (from, to, expected) => expect(windowFor('custom', { ...base, from, to })).toEqual(expected));

  it('sends offsets encoded, the format, and the integration only when chosen', () => {
    expect(exportHref({ from: '2025-11-26T07:00:00+01:00', to: '2025-11-26T11:00:00+01:00' }, 'csv')).toBe(
      '/api/audit/export?from=2025-11-26T07%3A00%3A00%2B01%3A00&to=2025-11-26T11%3A00%3A00%2B01%3A00&format=csv',
    );
    expect(exportHref({ from: '2025-11-26T00:00:00+01:00' }, 'pdf', 'synlab-results')).toBe('/api/audit/export?from=2025-11-26T00%3A00%3A00%2B01%3A00&format=pdf&integration=synlab-results');
  });
});

describe('the export contract', () => {
  it('has the formats and the digest header of shared/', () => {
    expect(EXPORT_FORMATS).toEqual(AUDIT_EXPORT_FORMATS);
    expect(DIGEST_HEADER).toBe(EXPORT_DIGEST_HEADER.toLowerCase());
  });
});
