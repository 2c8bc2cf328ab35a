import { describe, expect, it } from 'vitest';
import type { Attribution } from '../../contracts/snapshot.js';
import type { Status } from '../../contracts/words.js';
import { attribute, type AttributionInput } from './attribution.js';

const NOW = Date.UTC(2025, 2, 4, 9, 12);
type Extra = Partial<AttributionInput>;
const ext = (id: string, partner: string, status: Status = 'operational', extra: Extra = {}): AttributionInput => ({
  id,
  name: id,
  side: 'external',
  partner,
  status,
  dependsOn: ['engine', 'firewall'],
  ...extra,
});
const int = (id: string, status: Status = 'operational', extra: Extra = {}): AttributionInput => ({ id, name: id, side: 'internal', status, dependsOn: [], ...extra });

/** A small hospital: engine and firewall inside, six external links across five partners, engine needs the firewall. */
function hospital(overrides: Record<string, Partial<AttributionInput>> = {}, extra: AttributionInput[] = []): AttributionInput[] {
  const base = [
    int('firewall'),
    int('engine', 'operational', { dependsOn: ['firewall'] }),
    int('epd'),
    ext('synlab-results', 'Synlab'),
    ext('synlab-orders', 'Synlab'),
    ext('riziv', 'RIZIV'),
    ext('ehealth', 'eHealth platform', 'operational', { dependsOn: ['firewall'] }),
    ext('cozo', 'CoZo'),
    ext('mutualite', 'Mutualité'),
  ];
  return [...base.map((i) => ({ ...i, ...overrides[i.id] })), ...extra];
}
const causes = (items: AttributionInput[]): Record<string, string | null> => {
  const { byId } = attribute(items, NOW);
  return Object.fromEntries([...byId].map(([id, a]) => [id, a ? (a.via ? `${a.cause} via ${a.via}` : a.cause) : null]));
};
const down = { status: 'down' as const };
const slow = { status: 'degraded' as const };

describe('attribute', () => {
  it('nothing to attribute while operational, unknown or in maintenance', () => {
    const got = causes(hospital({ riziv: { status: 'unknown' }, cozo: { status: 'maintenance' } }));
    expect(Object.values(got).every((c) => c === null)).toBe(true);
  });

  it('one lab down, the rest fine → that lab: partner', () => {
    expect(causes(hospital({ 'synlab-results': down }))).toMatchObject({ 'synlab-results': 'partner', riziv: null, engine: null });
  });

  it('interface engine down → the links through it: dependency via the engine; no perimeter', () => {
    const report = attribute(hospital({ engine: down, 'synlab-results': down, 'synlab-orders': down, riziv: down, cozo: slow, mutualite: down }), NOW);
    expect(report.perimeter.holds).toBe(false);
    expect(report.byId.get('engine')?.cause).toBe('self');
    for (const id of ['synlab-results', 'synlab-orders', 'riziv', 'cozo', 'mutualite']) expect(report.byId.get(id)).toMatchObject({ cause: 'dependency', via: 'engine' });
    expect(report.byId.get('ehealth')).toBeNull();
  });

  it('transitive: firewall down under the engine → everything via the firewall', () => {
    const got = causes(hospital({ firewall: down, engine: down, riziv: down, ehealth: down }));
    expect(got).toMatchObject({ firewall: 'self', engine: 'dependency via firewall', riziv: 'dependency via firewall', ehealth: 'dependency via firewall' });
    expect(attribute(hospital({ firewall: down, engine: down, riziv: down }), NOW).byId.get('riziv')?.reasons).toEqual(['needs firewall, which is down']);
  });

  it('transitive through a healthy engine names the path', () => {
    const items = hospital({ firewall: down, riziv: { status: 'down', dependsOn: ['engine'] } });
    expect(attribute(items, NOW).byId.get('riziv')).toEqual<Attribution>({ cause: 'dependency', via: 'firewall', reasons: ['needs firewall (through engine), which is down'] });
  });

  it('an engine in maintenance explains the links failing through it, and keeps them out of the perimeter count', () => {
    const report = attribute(hospital({ engine: { status: 'maintenance' }, 'synlab-results': down, riziv: down, cozo: down, mutualite: down }), NOW);
    expect(report.byId.get('riziv')).toMatchObject({ cause: 'dependency', via: 'engine', reasons: ['needs engine, which is in maintenance'] });
    expect(report.perimeter).toMatchObject({ holds: false, counted: 1, troubled: 0 });
  });

  it('DDoS: most externals slow across partners, internal fine → perimeter, canary included', () => {
    const gw: AttributionInput = { id: 'gw', name: 'Provider gateway', side: 'external', partner: 'Proximus', role: 'canary', status: 'degraded', dependsOn: ['firewall'] };
    const report = attribute(hospital({ 'synlab-results': slow, 'synlab-orders': down, riziv: slow, cozo: slow, ehealth: slow }, [gw]), NOW);
    expect(report.perimeter.holds).toBe(true);
    for (const id of ['synlab-results', 'synlab-orders', 'riziv', 'cozo', 'ehealth', 'gw']) expect(report.byId.get(id)?.cause).toBe('perimeter');
    expect(report.byId.get('mutualite')).toBeNull();
    expect(report.byId.get('riziv')?.reasons).toContain('confirmed by the reference point Provider gateway, failing too');
  });

  it('canaries healthy while eHealth platform and the insurer fail → partner, not perimeter', () => {
    const small = [int('engine'), ext('ehealth', 'eHealth platform', 'down'), ext('insurer', 'Mutualité', 'down'), ext('lab', 'Synlab')];
    const gw: AttributionInput = { id: 'gw', side: 'external', partner: 'Proximus', role: 'canary', status: 'operational', dependsOn: [] };
    expect(causes([...small, gw])).toMatchObject({ ehealth: 'partner', insurer: 'partner', gw: null });
    expect(causes(small)).toMatchObject({ ehealth: 'perimeter', insurer: 'perimeter' });
    expect(attribute([...small, gw], NOW).byId.get('ehealth')?.reasons?.[0]).toBe("on eHealth platform's side");
  });

  it('the onset of a wave: the first link to turn degraded before the canary is next asked is the perimeter, not its partner', () => {
    // Synlab turned degraded a moment ago; the other links have answered slowly once; the gateway's
    // last (good) answer came before the wave. Once it is asked and answers slowly too, it confirms.
    const wave = { status: 'operational' as const, suspect: true };
    const items = hospital({ 'synlab-results': { status: 'degraded', since: NOW - 200 }, riziv: wave, cozo: wave, ehealth: wave });
    const gw: AttributionInput = { id: 'gw', side: 'external', partner: 'Proximus', role: 'canary', status: 'operational', dependsOn: [], lastCheckedAt: NOW - 900 };
    expect(causes([...items, gw])['synlab-results']).toBe('perimeter');
    expect(causes([...items, { ...gw, lastCheckedAt: NOW - 100, suspect: true }])['synlab-results']).toBe('perimeter');
    // Asked since and fast: our connection works, the partners are the cause.
    expect(causes([...items, { ...gw, lastCheckedAt: NOW - 100 }])['synlab-results']).toBe('partner');
  });

  it('a failing canary alone is its own partner, not a perimeter', () => {
    const gw: AttributionInput = { id: 'gw', side: 'external', partner: 'Proximus', role: 'canary', status: 'down', dependsOn: [] };
    expect(causes(hospital({}, [gw])).gw).toBe('partner');
  });

  it('many partners failing while an unrelated hospital system fails too → self (cannot tell)', () => {
    const got = causes(hospital({ epd: down, 'synlab-results': down, riziv: down, cozo: down, mutualite: down }));
    expect(got).toMatchObject({ epd: 'self', 'synlab-results': 'self', riziv: 'self', cozo: 'self' });
  });

  it('an external link without a partner and no common cause → self', () => {
    const items = hospital({}, [{ id: 'orphan', side: 'external', status: 'down', dependsOn: [] }]);
    expect(causes(items).orphan).toBe('self');
  });

  it('links recovered a minute ago still make the perimeter for the ones still failing', () => {
    const ago = { status: 'operational' as const, lastAffectedAt: NOW - 60_000 };
    const got = causes(hospital({ 'synlab-results': down, riziv: ago, cozo: ago }));
    expect(got['synlab-results']).toBe('perimeter');
    const later = causes(hospital({ 'synlab-results': down, riziv: { ...ago, lastAffectedAt: NOW - 5 * 60_000 }, cozo: ago }));
    expect(later['synlab-results']).toBe('partner');
  });

  it('options reach the perimeter rule', () => {
    const items = hospital({ 'synlab-results': down, riziv: down, cozo: down });
    expect(attribute(items, NOW).perimeter.holds).toBe(true);
    expect(attribute(items, NOW, { share: 0.75 }).perimeter.holds).toBe(false);
    expect(attribute(items, NOW, { minPartners: 4 }).byId.get('riziv')?.cause).toBe('partner');
  });
});
