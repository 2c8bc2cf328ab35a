import { describe, expect, it } from 'vitest';
import type { Attribution, Verdict } from '../../contracts/snapshot.js';
import type { Status } from '../../contracts/words.js';
import { computeVerdict, sideStatus, verdictCause, type VerdictInput } from './verdict.js';

const TZ = 'Europe/Brussels';
/** Local Brussels time (UTC+1 in March) on 4 March 2025. */
const at = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return Date.UTC(2025, 2, 4, h - 1, m);
};
const NOW = at('11:45');
const a = (cause: Attribution['cause'], via?: string): Attribution => (via ? { cause, via } : { cause });

type Extra = Partial<VerdictInput>;
const int = (id: string, name: string, status: Status = 'operational', extra: Extra = {}): VerdictInput => ({
  id, name, side: 'internal', status, since: at('06:00'), attribution: status === 'degraded' || status === 'down' ? a('self') : null, ...extra,
});
const ext = (id: string, name: string, partner: string, status: Status = 'operational', extra: Extra = {}): VerdictInput => ({
  id, name, side: 'external', partner, status, since: at('06:00'), attribution: null, ...extra,
});
const NAMES = ['Synlab lab results', 'RIZIV eHealth', 'CoZo records', 'Mutualité claims', 'Vitalink', 'Recip-e', 'AZ Sint-Jan imaging', 'MyCareNet', 'Abrumet hub'];
/** Nine external links of nine partners, with per-index overrides. */
const externals = (overrides: Record<number, Extra> = {}): VerdictInput[] =>
  NAMES.map((name, i) => ext(`x${i}`, name, `P${i}`, 'operational', overrides[i]));
const inside = (overrides: Extra = {}): VerdictInput[] => [int('engine', 'Interface engine', 'operational', overrides), int('epd', 'EPD')];

describe('sideStatus', () => {
  it.each<[Status[], Status]>([
    [[], 'operational'],
    [['operational', 'operational'], 'operational'],
    [['operational', 'unknown'], 'unknown'],
    [['operational', 'degraded', 'unknown'], 'degraded'],
    [['degraded', 'down'], 'down'],
    [['operational', 'maintenance'], 'operational'],
    [['down', 'maintenance'], 'down'],
    [['maintenance', 'maintenance'], 'maintenance'],
  ])('%j → %s', (statuses, expected) => expect(sideStatus(statuses.map((status) => ({ status })))).toBe(expected));
});

describe('verdictCause', () => {
  const cases: [string, VerdictInput[], string][] = [
    ['all fine', [...inside(), ...externals()], 'none'],
    ['unknown and maintenance are no failure', [...inside({ status: 'unknown' }), ...externals({ 0: { status: 'maintenance' } })], 'none'],
    ['a hospital system down', [...inside({ status: 'down', attribution: a('self') }), ...externals()], 'internal'],
    ['a link failing through a dependency in maintenance', [...inside({ status: 'maintenance' }), ...externals({ 0: { status: 'down', attribution: a('dependency', 'engine') } })], 'internal'],
    ['links attributed to the perimeter', [...inside(), ...externals({ 0: { status: 'degraded', attribution: a('perimeter') } })], 'perimeter'],
    ['a partner link down', [...inside(), ...externals({ 0: { status: 'down', attribution: a('partner') } })], 'partners'],
    ['an external link on its own (self)', [...inside(), ...externals({ 0: { status: 'down', attribution: a('self') } })], 'partners'],
    ['internal wins over partners', [...inside({ status: 'degraded', attribution: a('self') }), ...externals({ 0: { status: 'down', attribution: a('partner') } })], 'internal'],
  ];
  it.each(cases)('%s → %s', (_, items, expected) => expect(verdictCause(items)).toBe(expected));
});

describe('computeVerdict: the sentence for each cause', () => {
  it('none', () => {
    expect(computeVerdict([...inside(), ...externals()], undefined, NOW, TZ)).toMatchObject({ internal: 'operational', external: 'operational', cause: 'none', summary: 'All systems normal.' });
  });

  it('none, with a link without news and one in maintenance', () => {
    const v = computeVerdict([...inside(), ...externals({ 0: { status: 'unknown' }, 1: { status: 'maintenance' } })], undefined, NOW, TZ);
    expect(v).toMatchObject({ external: 'unknown', summary: 'No failures seen; Synlab lab results has no recent result; RIZIV eHealth in maintenance.' });
    expect(computeVerdict([...inside(), ...externals({ 1: { status: 'maintenance' } })], undefined, NOW).summary).toBe('All systems normal; RIZIV eHealth in maintenance.');
  });

  it('internal: the engine and the links through it', () => {
    const via = { status: 'down' as const, attribution: a('dependency', 'engine') };
    const items = [...inside({ status: 'down', since: at('08:02') }), ...externals({ 0: via, 1: via, 2: via, 3: via, 4: { ...via, status: 'degraded' }, 5: via })];
    expect(computeVerdict(items, undefined, NOW, TZ)).toMatchObject({
      internal: 'down',
      external: 'down',
      cause: 'internal',
      since: new Date(at('08:02')).toISOString(),
      summary: 'Interface engine down since 08:02 — 6 external links affected through it. The partners are not the cause.',
    });
  });

  it('internal: a hospital system alone', () => {
    const items = [int('engine', 'Interface engine'), int('epd', 'EPD', 'degraded', { since: at('08:02') }), ...externals()];
    expect(computeVerdict(items, undefined, NOW, TZ).summary).toBe('EPD slow since 08:02 — external links normal.');
  });

  it('internal: a dependency in maintenance, plus a partner failing separately', () => {
    const via = { status: 'down' as const, attribution: a('dependency', 'engine') };
    const items = [...inside({ status: 'maintenance', since: at('10:00') }), ...externals({ 0: via, 1: via, 8: { status: 'down', attribution: a('partner') } })];
    expect(computeVerdict(items, undefined, NOW, TZ)).toMatchObject({
      internal: 'operational',
      cause: 'internal',
      summary: 'Interface engine in maintenance since 10:00 — 2 external links affected through it. Separately, Abrumet hub down on the partner side.',
    });
  });

  it('internal: hospital systems through a root, and two roots', () => {
    const items = [
      int('firewall', 'Egress firewall', 'down', { since: at('08:00') }),
      int('engine', 'Interface engine', 'down', { since: at('08:01'), attribution: a('dependency', 'firewall') }),
      int('dns', 'Internal DNS', 'down', { since: at('08:05') }),
      ...externals({ 0: { status: 'down', attribution: a('dependency', 'firewall') } }),
    ];
    expect(computeVerdict(items, undefined, NOW, TZ).summary).toBe(
      'Egress firewall and Internal DNS down since 08:00 — 1 external link and 1 hospital system affected through them. The partners are not the cause.',
    );
  });

  it('perimeter: the DDoS headline', () => {
    const p = { status: 'degraded' as const, attribution: a('perimeter'), since: at('07:31') };
    const items = [...inside(), ...externals({ 0: p, 1: p, 2: p, 3: p, 4: p, 5: p, 6: p })];
    expect(computeVerdict(items, undefined, NOW, TZ)).toMatchObject({
      internal: 'operational',
      external: 'degraded',
      cause: 'perimeter',
      summary: 'Hospital systems normal. 7 of 9 external links slow since 07:31 — likely our internet connection or provider, not the partners.',
    });
  });

  it('perimeter: slow and down, a link in maintenance left out, an internal one unknown', () => {
    const p = { status: 'degraded' as const, attribution: a('perimeter'), since: at('07:31') };
    const items = [...inside({ status: 'unknown' }), ...externals({ 0: p, 1: { ...p, status: 'down', since: at('07:20') }, 2: p, 3: p, 4: p, 8: { status: 'maintenance' } })];
    expect(computeVerdict(items, undefined, NOW, TZ).summary).toBe(
      'No failures inside the hospital. 5 of 8 external links slow or down since 07:20 — likely our internet connection or provider, not the partners.',
    );
  });

  it('partners: one lab down', () => {
    const items = [...inside(), ...externals({ 0: { status: 'down', attribution: a('partner'), since: at('09:12') } })];
    expect(computeVerdict(items, undefined, NOW, TZ)).toMatchObject({
      internal: 'operational',
      external: 'down',
      cause: 'partners',
      summary: 'Synlab lab results down since 09:12 — this partner only; everything else normal.',
    });
  });

  it('partners: two partners, another link without news', () => {
    const bad = { status: 'down' as const, attribution: a('partner'), since: at('09:12') };
    const items = [...inside(), ...externals({ 1: bad, 3: { ...bad, since: at('09:15') }, 5: { status: 'unknown' } })];
    expect(computeVerdict(items, undefined, NOW, TZ).summary).toBe('RIZIV eHealth and Mutualité claims down since 09:12 — on the side of P1 and P3, not our connection; hospital systems normal.');
  });

  it('partners: one partner with many links', () => {
    const bad = { status: 'degraded' as const, attribution: a('partner'), partner: 'Synlab', since: at('09:12') };
    const items = [...inside(), ...externals({ 0: bad, 1: bad, 2: bad, 3: bad })];
    expect(computeVerdict(items, undefined, NOW, TZ).summary).toBe('Synlab: 4 links slow since 09:12 — this partner only; everything else normal.');
  });
});

describe('computeVerdict: since', () => {
  const partnerDown = [...inside(), ...externals({ 0: { status: 'down', attribution: a('partner'), since: at('09:12') } })];
  const previous = (cause: Verdict['cause'], since: string): Verdict => ({ internal: 'operational', external: 'down', cause, summary: '', since: new Date(at(since)).toISOString() });

  it('is kept from the previous verdict while the cause holds', () => {
    const v = computeVerdict(partnerDown, previous('partners', '09:00'), NOW, TZ);
    expect(v.since).toBe(new Date(at('09:00')).toISOString());
    expect(v.summary).toContain('since 09:00');
  });

  it('starts again when the cause changes', () => {
    expect(computeVerdict(partnerDown, previous('perimeter', '07:20'), NOW).since).toBe(new Date(at('09:12')).toISOString());
  });

  it('for none: the last change (the last recovery)', () => {
    const items = [...inside(), ...externals({ 2: { since: at('11:01') } })];
    expect(computeVerdict(items, previous('perimeter', '07:20'), NOW).since).toBe(new Date(at('11:01')).toISOString());
    expect(computeVerdict([], undefined, NOW).since).toBe(new Date(NOW).toISOString());
  });
});

describe('computeVerdict: canaries', () => {
  it('are left out of the status words and the counts', () => {
    const gw = ext('gw', 'Provider gateway', 'Proximus', 'down', { role: 'canary', attribution: a('partner') });
    expect(computeVerdict([...inside(), ...externals(), gw], undefined, NOW)).toMatchObject({ external: 'operational', cause: 'none', summary: 'All systems normal.' });
  });
});

describe('computeVerdict: reasons', () => {
  it('carries the perimeter reasons', () => {
    const p = { status: 'degraded' as const, attribution: { cause: 'perimeter' as const, reasons: ['7 of 9 external links troubled'] } };
    expect(computeVerdict([...inside(), ...externals({ 0: p })], undefined, NOW).reasons).toEqual(['7 of 9 external links troubled']);
  });
  it('names the internal root and what fails through it', () => {
    const via = { status: 'down' as const, attribution: { cause: 'dependency' as const, via: 'engine', reasons: ['needs Interface engine, which is down'] } };
    expect(computeVerdict([...inside({ status: 'down' }), ...externals({ 0: via })], undefined, NOW).reasons).toEqual([
      'Interface engine inside the hospital is down',
      'Synlab lab results: needs Interface engine, which is down',
    ]);
  });
  it('says when nothing fails', () => {
    expect(computeVerdict([...inside(), ...externals({ 4: { status: 'unknown' } })], undefined, NOW).reasons).toEqual(['no integration is degraded or down', 'no recent result from Vitalink']);
  });
});
