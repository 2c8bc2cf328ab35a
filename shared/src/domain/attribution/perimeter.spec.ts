import { describe, expect, it } from 'vitest';
import type { Status } from '../../contracts/words.js';
import { assessPerimeter, DEFAULT_PERIMETER_OPTIONS, type PerimeterItem } from './perimeter.js';

const NOW = Date.UTC(2025, 2, 4, 7, 30);
const MIN = 60_000;
type Extra = Partial<PerimeterItem>;
const ext = (id: string, partner: string, status: Status = 'operational', extra: Extra = {}): PerimeterItem => ({ id, side: 'external', partner, status, ...extra });
const int = (id: string, status: Status = 'operational', extra: Extra = {}): PerimeterItem => ({ id, side: 'internal', status, ...extra });
const canary = (id: string, status: Status, extra: Extra = {}): PerimeterItem => ({ id, side: 'external', partner: 'Provider', role: 'canary', status, ...extra });

/** `n` external links of distinct partners, the first `bad` of them down. */
const links = (n: number, bad: number, status: Status = 'down'): PerimeterItem[] =>
  Array.from({ length: n }, (_, i) => ext(`link-${i}`, `Partner ${i}`, i < bad ? status : 'operational'));

const none = new Set<string>();

describe('assessPerimeter: the share and partner rule', () => {
  const cases: [string, PerimeterItem[], boolean][] = [
    ['2 of 4 down, 2 partners: exactly 50% holds', links(4, 2), true],
    ['4 of 9 down: 44% is below the share', links(9, 4), false],
    ['5 of 9 down: 56% holds', links(9, 5), true],
    ['7 of 9 slow holds', links(9, 7, 'degraded'), true],
    ['1 of 1 down: one partner is not enough', links(1, 1), false],
    ['2 of 3 down at the same partner: one partner is not enough', [ext('a', 'Synlab', 'down'), ext('b', 'Synlab', 'down'), ext('c', 'Riziv')], false],
    ['2 of 3 down at two partners holds', [ext('a', 'Synlab', 'down'), ext('b', 'Riziv', 'down'), ext('c', 'Riziv')], true],
    ['no external link at all', [int('engine')], false],
    ['unknown links count in the total, not as troubled', [...links(2, 1), ext('u1', 'U1', 'unknown'), ext('u2', 'U2', 'unknown')], false],
  ];
  it.each(cases)('%s', (_, items, holds) => {
    const p = assessPerimeter(items, none, NOW);
    expect(p.pattern).toBe(holds);
    expect(p.holds).toBe(holds);
  });

  it('counts and partners are reported', () => {
    const p = assessPerimeter([...links(9, 7, 'degraded'), ext('extra', 'Partner 0', 'down')], none, NOW);
    expect(p).toMatchObject({ counted: 10, troubled: 8, partners: ['Partner 0', 'Partner 1', 'Partner 2', 'Partner 3', 'Partner 4', 'Partner 5', 'Partner 6'] });
    expect(p.reasons[0]).toBe('8 of 10 external links troubled within the last 5 min, across 7 partners');
  });

  it.each<[string, Partial<typeof DEFAULT_PERIMETER_OPTIONS>, PerimeterItem[], boolean]>([
    ['share 0.75: 3 of 4 holds', { share: 0.75 }, links(4, 3), true],
    ['share 0.75: 2 of 4 does not', { share: 0.75 }, links(4, 2), false],
    ['minPartners 3: two partners do not', { minPartners: 3 }, links(4, 2), false],
    ['minPartners 3: three partners do', { minPartners: 3 }, links(4, 3), true],
    ['minPartners 1: one partner is enough', { minPartners: 1 }, links(2, 1), true],
  ])('options: %s', (_, options, items, holds) => {
    expect(assessPerimeter(items, none, NOW, { ...DEFAULT_PERIMETER_OPTIONS, ...options }).holds).toBe(holds);
  });

  it('a link partner-less counts as its own partner', () => {
    const items: PerimeterItem[] = [{ id: 'a', side: 'external', status: 'down' }, { id: 'b', side: 'external', status: 'down' }];
    expect(assessPerimeter(items, none, NOW).partners).toEqual(['a', 'b']);
  });
});

describe('assessPerimeter: the window', () => {
  const recovered = (ago: number): PerimeterItem => ext('recovered', 'Riziv', 'operational', { lastAffectedAt: NOW - ago });
  it.each<[string, PerimeterItem, boolean]>([
    ['a link that recovered 4:59 ago still counts', recovered(5 * MIN - 1_000), true],
    ['a link that recovered exactly 5 min ago does not', recovered(5 * MIN), false],
    ['a link that recovered 10 min ago does not', recovered(10 * MIN), false],
    ['a suspect link (not yet degraded by hysteresis) counts', ext('suspect', 'Riziv', 'operational', { suspect: true }), true],
  ])('%s', (_, second, holds) => {
    expect(assessPerimeter([ext('down', 'Synlab', 'down'), second, ext('ok', 'Vitalink')], none, NOW).holds).toBe(holds);
  });

  it('the window is an option', () => {
    const items = [ext('down', 'Synlab', 'down'), recovered(3 * MIN), ext('ok', 'Vitalink')];
    expect(assessPerimeter(items, none, NOW, { ...DEFAULT_PERIMETER_OPTIONS, windowMs: 2 * MIN }).holds).toBe(false);
  });
});

describe('assessPerimeter: internal integrations', () => {
  it.each<[Status, boolean]>([
    ['operational', true],
    ['unknown', true],
    ['maintenance', true],
    ['degraded', false],
    ['down', false],
  ])('an internal one %s → holds %s', (status, holds) => {
    const p = assessPerimeter([...links(4, 3), int('epd', status, { name: 'EPD' })], none, NOW);
    expect(p.pattern).toBe(true);
    expect(p.holds).toBe(holds);
    expect(p.blockedBy).toEqual(holds ? [] : ['epd']);
    if (!holds) expect(p.reasons[1]).toBe('but EPD inside the hospital is failing too, so the cause cannot be placed outside');
  });

  it('an internal canary failing does not block', () => {
    expect(assessPerimeter([...links(4, 3), int('dns-ref', 'down', { role: 'canary' })], none, NOW).holds).toBe(true);
  });
});

describe('assessPerimeter: maintenance and explained links', () => {
  it('links in maintenance leave the total: 2 of 3 is enough', () => {
    const items = [...links(3, 2), ext('maint', 'M', 'maintenance', { lastAffectedAt: NOW })];
    expect(assessPerimeter(items, none, NOW)).toMatchObject({ holds: true, counted: 3, troubled: 2 });
  });
  it('links in maintenance never count as troubled', () => {
    const items = [ext('a', 'A', 'down'), ext('m1', 'M1', 'maintenance'), ext('m2', 'M2', 'maintenance'), ext('b', 'B'), ext('c', 'C')];
    expect(assessPerimeter(items, none, NOW)).toMatchObject({ holds: false, counted: 3, troubled: 1 });
  });
  it('links failing through an internal dependency are explained and left out', () => {
    const p = assessPerimeter(links(4, 3), new Set(['link-0', 'link-1']), NOW);
    expect(p).toMatchObject({ counted: 2, troubled: 1, pattern: false });
  });
});

describe('assessPerimeter: canaries', () => {
  const wave = links(4, 3);
  const cases: [string, PerimeterItem[], { holds: boolean; canaries: string }][] = [
    ['no canary: the pattern decides alone', [], { holds: true, canaries: 'none' }],
    ['a failing canary confirms', [canary('gw', 'down')], { holds: true, canaries: 'failing' }],
    ['a slow canary confirms', [canary('gw', 'degraded')], { holds: true, canaries: 'failing' }],
    ['all canaries healthy: the partners, not the perimeter', [canary('gw', 'operational'), canary('dns', 'operational')], { holds: false, canaries: 'healthy' }],
    ['one failing, one healthy: confirms', [canary('gw', 'down'), canary('dns', 'operational')], { holds: true, canaries: 'failing' }],
    ['a canary recovered 2 min ago still confirms', [canary('gw', 'operational', { lastAffectedAt: NOW - 2 * MIN })], { holds: true, canaries: 'failing' }],
    ['a suspect canary confirms', [canary('gw', 'operational', { suspect: true })], { holds: true, canaries: 'failing' }],
    ['an unknown canary is no evidence', [canary('gw', 'unknown')], { holds: true, canaries: 'none' }],
    ['a canary in maintenance is no evidence', [canary('gw', 'maintenance')], { holds: true, canaries: 'none' }],
    ['healthy plus unknown: healthy decides', [canary('gw', 'operational'), canary('dns', 'unknown')], { holds: false, canaries: 'healthy' }],
  ];
  it.each(cases)('%s', (_, canaries, expected) => {
    expect(assessPerimeter([...wave, ...canaries], none, NOW)).toMatchObject(expected);
  });

  it('canaries are not counted among the links', () => {
    const p = assessPerimeter([...links(4, 1), canary('gw', 'down'), canary('dns', 'down')], none, NOW);
    expect(p).toMatchObject({ counted: 4, troubled: 1, pattern: false, holds: false, canaries: 'failing' });
  });

  it('a failing canary explained by an internal dependency is no evidence', () => {
    expect(assessPerimeter([...wave, canary('gw', 'down')], new Set(['gw']), NOW).canaries).toBe('none');
  });

  it('says why in plain words', () => {
    expect(assessPerimeter([...wave, canary('gw', 'operational', { name: 'Provider gateway' })], none, NOW).reasons).toEqual([
      '3 of 4 external links troubled within the last 5 min, across 3 partners',
      'but the reference point Provider gateway is healthy: our connection works, so the partners are the cause',
    ]);
    expect(assessPerimeter([...wave, canary('gw', 'down', { name: 'Provider gateway' })], none, NOW).reasons.slice(1)).toEqual([
      'hospital systems are fine: likely our internet connection or provider, not the partners',
      'confirmed by the reference point Provider gateway, failing too',
    ]);
    expect(assessPerimeter(links(9, 4), none, NOW).reasons[1]).toBe('below the 50% needed for a common cause outside');
    expect(assessPerimeter(links(1, 1), none, NOW).reasons[1]).toBe('fewer than 2 partners: not a common cause outside');
  });
});

describe('assessPerimeter: a canary not asked since the trouble began', () => {
  const SEC = 1_000;
  /** The onset of a wave: one link degraded a moment ago, the others answering slowly (suspect) but not yet degraded. */
  const onset = (degradedSince = NOW - SEC): PerimeterItem[] => [
    ext('a', 'A', 'degraded', { since: degradedSince }),
    ext('b', 'B', 'operational', { suspect: true }),
    ext('c', 'C', 'operational', { suspect: true }),
    ext('d', 'D'),
  ];
  const gw = (lastCheckedAt: number | undefined, extra: Extra = {}) => canary('gw', 'operational', { name: 'Provider gateway', lastCheckedAt, ...extra });

  it.each<[string, PerimeterItem[], { holds: boolean; canaries: string }]>([
    ['last asked before the first link degraded: no evidence yet, the pattern decides', [...onset(), gw(NOW - 3 * SEC)], { holds: true, canaries: 'none' }],
    ['asked since, and healthy: the partners', [...onset(), gw(NOW - SEC / 2)], { holds: false, canaries: 'healthy' }],
    ['asked at the very moment the link degraded counts as asked since', [...onset(), gw(NOW - SEC)], { holds: false, canaries: 'healthy' }],
    ['when its last result is not known, it is taken as current', [...onset(), gw(undefined)], { holds: false, canaries: 'healthy' }],
    ['the earliest failing link dates the trouble', [ext('old', 'Old', 'down', { since: NOW - 10 * 60_000 }), ...onset(), gw(NOW - 30 * SEC)], { holds: false, canaries: 'healthy' }],
    ['one not asked since, another healthy since: healthy decides', [...onset(), gw(NOW - 3 * SEC), canary('dns', 'operational', { lastCheckedAt: NOW })], { holds: false, canaries: 'healthy' }],
    ['one not asked since, another failing: confirms', [...onset(), gw(NOW - 3 * SEC), canary('dns', 'degraded')], { holds: true, canaries: 'failing' }],
    ['not asked since, but suspect itself: confirms', [...onset(), gw(NOW - 3 * SEC, { suspect: true })], { holds: true, canaries: 'failing' }],
  ])('%s', (_, items, expected) => {
    expect(assessPerimeter(items, none, NOW)).toMatchObject(expected);
  });

  it('only failing links date the trouble: with none degraded or down, a canary keeps its word', () => {
    const calm = [ext('b', 'B', 'operational', { suspect: true }), ext('c', 'C', 'operational', { suspect: true }), ext('d', 'D')];
    expect(assessPerimeter([...calm, gw(NOW - 60 * SEC)], none, NOW).canaries).toBe('healthy');
  });

  it('does not make a perimeter of fewer links than the share', () => {
    const one = [ext('a', 'A', 'down', { since: NOW - SEC }), ext('b', 'B'), ext('c', 'C'), ext('d', 'D')];
    expect(assessPerimeter([...one, gw(NOW - 3 * SEC)], none, NOW)).toMatchObject({ pattern: false, holds: false });
  });

  it('says the reference point has not been checked yet', () => {
    expect(assessPerimeter([...onset(), gw(NOW - 3 * SEC)], none, NOW).reasons.slice(1)).toEqual([
      'hospital systems are fine: likely our internet connection or provider, not the partners',
      'the reference point Provider gateway has not been checked since the links began failing: not confirmed yet',
    ]);
  });
});
