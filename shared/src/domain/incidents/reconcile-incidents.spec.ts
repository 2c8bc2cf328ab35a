import { describe, expect, it } from 'vitest';
import type { IncidentState } from '../../contracts/incident.js';
import type { Attribution } from '../../contracts/snapshot.js';
import type { Status } from '../../contracts/words.js';
import type { IncidentInput } from './incident-groups.js';
import { reconcileIncidents } from './reconcile-incidents.js';
import { runIncidents as run } from '../../testing/scenario-harness.js';

const T0 = Date.UTC(2025, 2, 4, 8, 0);
const MIN = 60_000;
const a = (cause: Attribution['cause'], via?: string): Attribution => (via ? { cause, via } : { cause });
const ext = (id: string, partner: string, status: Status = 'operational', attribution: Attribution | null = null): IncidentInput => ({ id, name: id, side: 'external', partner, status, attribution });
const int = (id: string, status: Status = 'operational', attribution: Attribution | null = null): IncidentInput => ({ id, name: id, side: 'internal', status, attribution });

const texts = (incident: IncidentState): string[] => incident.timeline.map((e) => e.text);

describe('reconcileIncidents: one partner', () => {
  const down = [ext('lab', 'Synlab', 'down', a('partner')), ext('riziv', 'RIZIV')];
  const slow = [ext('lab', 'Synlab', 'degraded', a('partner')), ext('riziv', 'RIZIV')];
  const fine = [ext('lab', 'Synlab'), ext('riziv', 'RIZIV')];

  it('nothing failing: nothing happens', () => {
    expect(run([[T0, fine]]).events).toEqual([]);
  });

  it('opens, updates on change only, resolves after the cool-down with the recovery time', () => {
    const r = run([
      [T0, slow],
      [T0 + 30_000, slow],
      [T0 + MIN, down],
      [T0 + 10 * MIN, fine],
      [T0 + 15 * MIN - 1, fine],
      [T0 + 15 * MIN, fine],
    ]);
    expect(r.types).toEqual([['opened partner:Synlab'], [], ['updated partner:Synlab'], ['updated partner:Synlab'], [], ['resolved partner:Synlab']]);
    const resolved = r.events.at(-1)!.incident;
    expect(resolved).toMatchObject({ id: `partner:Synlab@${T0}`, openedAt: T0, resolvedAt: T0 + 10 * MIN, status: 'operational', worst: 'down', updatedAt: T0 + 15 * MIN });
    expect(resolved.members).toEqual([{ integrationId: 'lab', name: 'lab', side: 'external', partner: 'Synlab', joinedAt: T0, status: 'down', worst: 'down', leftAt: T0 + 10 * MIN, leftAs: 'recovered' }]);
    expect(texts(resolved)).toEqual([
      'Opened: Partner: Synlab',
      'lab joined (degraded)',
      'lab now down (was degraded)',
      'lab recovered',
      'All links recovered; closes in 5 min unless one fails again',
      'Resolved',
    ]);
    expect(r.open).toEqual([]);
  });

  it('while cooling down the incident stays open and reads operational', () => {
    const r = run([[T0, down], [T0 + MIN, fine]]);
    expect(r.open).toHaveLength(1);
    expect(r.open[0]).toMatchObject({ status: 'operational' });
    expect(r.open[0]).not.toHaveProperty('resolvedAt');
  });

  it('a second link of the same partner joins the same incident', () => {
    const r = run([[T0, down], [T0 + MIN, [...down, ext('orders', 'Synlab', 'down', a('partner'))]]]);
    expect(r.types).toEqual([['opened partner:Synlab'], ['updated partner:Synlab']]);
    expect(r.open[0].members.map((m) => m.integrationId)).toEqual(['lab', 'orders']);
  });

  it('two partners failing on their own: two incidents', () => {
    const r = run([[T0, [ext('lab', 'Synlab', 'down', a('partner')), ext('riziv', 'RIZIV', 'down', a('partner'))]]]);
    expect(r.types).toEqual([['opened partner:Synlab', 'opened partner:RIZIV']]);
  });

  it.each<[string, number, string[][]]>([
    ['failing again 1 ms before the cool-down ends continues the incident', 5 * MIN - 1, [['opened partner:Synlab'], ['updated partner:Synlab'], ['updated partner:Synlab']]],
    ['failing again once the cool-down has passed opens a new one', 5 * MIN, [['opened partner:Synlab'], ['updated partner:Synlab'], ['resolved partner:Synlab', 'opened partner:Synlab']]],
  ])('%s', (_, gap, expected) => {
    const r = run([[T0, down], [T0 + MIN, fine], [T0 + MIN + gap, down]]);
    expect(r.types).toEqual(expected);
  });

  it('a relapse is written on the timeline', () => {
    const r = run([[T0, down], [T0 + MIN, fine], [T0 + 2 * MIN, down]]);
    expect(texts(r.open[0]).slice(-3)).toEqual(['lab recovered', 'All links recovered; closes in 5 min unless one fails again', 'lab failing again (down)']);
    expect(r.open[0].members[0]).not.toHaveProperty('leftAt');
  });

  it('without a cool-down it resolves on recovery', () => {
    const r = run([[T0, down], [T0 + MIN, fine]], { coolDownMs: 0 });
    expect(r.types).toEqual([['opened partner:Synlab'], ['resolved partner:Synlab']]);
    expect(texts(r.events[1].incident).slice(-2)).toEqual(['lab recovered', 'Resolved']);
  });

  it('the cool-down is an option, and reads in seconds when short', () => {
    const r = run([[T0, down], [T0 + MIN, fine], [T0 + MIN + 45_000, fine]], { coolDownMs: 45_000 });
    expect(r.types).toEqual([['opened partner:Synlab'], ['updated partner:Synlab'], ['resolved partner:Synlab']]);
    expect(texts(r.events[2].incident)).toContain('All links recovered; closes in 45 s unless one fails again');
  });

  it('uses the given id maker', () => {
    expect(run([[T0, down]], { newId: (key, now) => `inc-${key}-${now - T0}` }).open[0].id).toBe('inc-partner:Synlab-0');
  });
});

describe('reconcileIncidents: unknown, maintenance, removal', () => {
  const down = ext('lab', 'Synlab', 'down', a('partner'));

  it.each<Status>(['unknown', 'maintenance'])('%s never opens an incident', (status) => {
    expect(run([[T0, [ext('lab', 'Synlab', status)]]]).events).toEqual([]);
  });

  it('a member without news stays in: its recovery is not proven', () => {
    const r = run([[T0, [down]], [T0 + MIN, [ext('lab', 'Synlab', 'unknown')]], [T0 + 30 * MIN, [ext('lab', 'Synlab', 'unknown')]]]);
    expect(r.types).toEqual([['opened partner:Synlab'], ['updated partner:Synlab'], []]);
    expect(r.open[0]).toMatchObject({ status: 'unknown' });
    expect(texts(r.open[0]).at(-1)).toBe('lab: no recent result');
  });

  it('a member going into maintenance leaves, and the incident closes at once', () => {
    const r = run([[T0, [down]], [T0 + MIN, [ext('lab', 'Synlab', 'maintenance')]]]);
    expect(r.types).toEqual([['opened partner:Synlab'], ['resolved partner:Synlab']]);
    expect(r.events[1].incident.members[0]).toMatchObject({ leftAs: 'maintenance', leftAt: T0 + MIN });
  });

  it('a member removed from the catalog leaves', () => {
    const r = run([[T0, [down]], [T0 + MIN, []]]);
    expect(r.events[1].incident.members[0]).toMatchObject({ leftAs: 'removed' });
    expect(r.types[1]).toEqual(['resolved partner:Synlab']);
  });

  it('a link failing through an internal system in maintenance opens nothing, and leaves an incident it was in', () => {
    const engineMaint = int('engine', 'maintenance');
    const via = ext('lab', 'Synlab', 'down', a('dependency', 'engine'));
    expect(run([[T0, [engineMaint, via]]]).events).toEqual([]);
    const r = run([[T0, [int('engine', 'down', a('self')), via]], [T0 + MIN, [engineMaint, via]]]);
    expect(r.types).toEqual([['opened internal:engine'], ['resolved internal:engine']]);
    expect(r.events[1].incident.members.map((m) => m.leftAs)).toEqual(['maintenance', 'maintenance']);
  });
});

describe('reconcileIncidents: purity and events', () => {
  it('does not change its inputs', () => {
    const first = reconcileIncidents([], [ext('lab', 'Synlab', 'down', a('partner'))], T0);
    const frozen = structuredClone(first.open);
    reconcileIncidents(first.open, [ext('lab', 'Synlab')], T0 + MIN);
    expect(first.open).toEqual(frozen);
  });

  it('ignores incidents passed in already resolved', () => {
    const { events } = run([[T0, [ext('lab', 'Synlab', 'down', a('partner'))]], [T0 + MIN, [ext('lab', 'Synlab')]], [T0 + 6 * MIN, [ext('lab', 'Synlab')]]]);
    const resolved = events.at(-1)!.incident;
    expect(resolved.resolvedAt).toBe(T0 + MIN);
    expect(reconcileIncidents([resolved], [ext('lab', 'Synlab')], T0 + 7 * MIN)).toEqual({ open: [], events: [] });
  });

  it('a flapping link: one incident, no storm', () => {
    const steps: [number, IncidentInput[]][] = [];
    for (let i = 0; i < 40; i++) steps.push([T0 + i * 45_000, [ext('lab', 'Synlab', i % 2 ? 'operational' : 'down', i % 2 ? null : a('partner'))]]);
    steps.push([T0 + 40 * 45_000 + 5 * MIN, [ext('lab', 'Synlab')]]);
    const r = run(steps);
    expect(r.events.filter((e) => e.type === 'opened')).toHaveLength(1);
    expect(r.events.filter((e) => e.type === 'resolved')).toHaveLength(1);
    expect(r.log.every((s) => s.events.length <= 1)).toBe(true);
  });
});

