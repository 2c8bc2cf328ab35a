import { describe, expect, it } from 'vitest';
import type { IncidentChange, IncidentState } from '../../contracts/incident.js';
import type { Attribution } from '../../contracts/snapshot.js';
import type { Status } from '../../contracts/words.js';
import type { IncidentInput } from './incident-groups.js';
import { reconcileIncidents, type IncidentOptions } from './reconcile-incidents.js';

const T0 = Date.UTC(2025, 2, 4, 8, 0);
const MIN = 60_000;
const a = (cause: Attribution['cause'], via?: string): Attribution => (via ? { cause, via } : { cause });
const ext = (id: string, partner: string, status: Status = 'operational', attribution: Attribution | null = null): IncidentInput => ({ id, name: id, side: 'external', partner, status, attribution });
const int = (id: string, status: Status = 'operational', attribution: Attribution | null = null): IncidentInput => ({ id, name: id, side: 'internal', status, attribution });

/** Runs successive evaluations, keeping the open incidents, and returns every step's outcome. */
function run(steps: [number, IncidentInput[]][], options: Partial<IncidentOptions> = {}) {
  let open: IncidentState[] = [];
  const log: { t: number; events: IncidentChange[]; open: IncidentState[] }[] = [];
  for (const [t, current] of steps) {
    const result = reconcileIncidents(open, current, t, options);
    open = result.open;
    log.push({ t, events: result.events, open });
  }
  const events = log.flatMap((s) => s.events);
  return { open, log, events, types: log.map((s) => s.events.map((e) => `${e.type} ${e.incident.key}`)) };
}
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
      [T0 + 12 * MIN - 1, fine],
      [T0 + 12 * MIN, fine],
    ]);
    expect(r.types).toEqual([['opened partner:Synlab'], [], ['updated partner:Synlab'], ['updated partner:Synlab'], [], ['resolved partner:Synlab']]);
    const resolved = r.events.at(-1)!.incident;
    expect(resolved).toMatchObject({ id: `partner:Synlab@${T0}`, openedAt: T0, resolvedAt: T0 + 10 * MIN, status: 'operational', worst: 'down', updatedAt: T0 + 12 * MIN });
    expect(resolved.members).toEqual([{ integrationId: 'lab', name: 'lab', side: 'external', partner: 'Synlab', joinedAt: T0, status: 'down', worst: 'down', leftAt: T0 + 10 * MIN, leftAs: 'recovered' }]);
    expect(texts(resolved)).toEqual([
      'Opened: Partner: Synlab',
      'lab joined (degraded)',
      'lab now down (was degraded)',
      'lab recovered',
      'All links recovered; closes in 2 min unless one fails again',
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
    ['failing again 1 ms before the cool-down ends continues the incident', 2 * MIN - 1, [['opened partner:Synlab'], ['updated partner:Synlab'], ['updated partner:Synlab']]],
    ['failing again once the cool-down has passed opens a new one', 2 * MIN, [['opened partner:Synlab'], ['updated partner:Synlab'], ['resolved partner:Synlab', 'opened partner:Synlab']]],
  ])('%s', (_, gap, expected) => {
    const r = run([[T0, down], [T0 + MIN, fine], [T0 + MIN + gap, down]]);
    expect(r.types).toEqual(expected);
  });

  it('a relapse is written on the timeline', () => {
    const r = run([[T0, down], [T0 + MIN, fine], [T0 + 2 * MIN, down]]);
    expect(texts(r.open[0]).slice(-3)).toEqual(['lab recovered', 'All links recovered; closes in 2 min unless one fails again', 'lab failing again (down)']);
    expect(r.open[0].members[0]).not.toHaveProperty('leftAt');
  });

  it('without a cool-down it resolves on recovery', () => {
    const r = run([[T0, down], [T0 + MIN, fine]], { coolDownMs: 0 });
    expect(r.types).toEqual([['opened partner:Synlab'], ['resolved partner:Synlab']]);
    expect(texts(r.events[1].incident).slice(-2)).toEqual(['lab recovered', 'Resolved']);
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

describe('reconcileIncidents: common causes', () => {
  it('an internal system and the links through it: one incident', () => {
    const r = run([[T0, [int('engine', 'down', a('self')), ext('lab', 'Synlab', 'down', a('dependency', 'engine')), ext('riziv', 'RIZIV', 'degraded', a('dependency', 'engine'))]]]);
    expect(r.types).toEqual([['opened internal:engine']]);
    expect(r.open[0]).toMatchObject({ title: 'Inside the hospital: engine', status: 'down' });
    expect(r.open[0].members.map((m) => m.integrationId)).toEqual(['engine', 'lab', 'riziv']);
  });

  it('a partner incident is re-keyed when the perimeter forms: same id, one incident', () => {
    const r = run([
      [T0, [ext('lab', 'Synlab', 'degraded', a('partner')), ext('riziv', 'RIZIV'), ext('cozo', 'CoZo')]],
      [T0 + MIN, [ext('lab', 'Synlab', 'degraded', a('perimeter')), ext('riziv', 'RIZIV', 'degraded', a('perimeter')), ext('cozo', 'CoZo')]],
    ]);
    expect(r.types).toEqual([['opened partner:Synlab'], ['updated perimeter']]);
    expect(r.open).toHaveLength(1);
    expect(r.open[0]).toMatchObject({ id: `partner:Synlab@${T0}`, key: 'perimeter', kind: 'perimeter', openedAt: T0 });
    expect(r.open[0]).not.toHaveProperty('subject');
    expect(texts(r.open[0]).slice(2)).toEqual(['Regrouped as "Many external links at once: internet connection or provider" (was "Partner: Synlab")', 'riziv joined (degraded)']);
  });

  it('two partner incidents: the oldest is re-keyed, the other merged into it', () => {
    const r = run([
      [T0, [ext('lab', 'Synlab', 'down', a('partner')), ext('riziv', 'RIZIV'), ext('cozo', 'CoZo')]],
      [T0 + MIN, [ext('lab', 'Synlab', 'down', a('partner')), ext('riziv', 'RIZIV', 'down', a('partner')), ext('cozo', 'CoZo')]],
      [T0 + 2 * MIN, [ext('lab', 'Synlab', 'down', a('perimeter')), ext('riziv', 'RIZIV', 'down', a('perimeter')), ext('cozo', 'CoZo')]],
    ]);
    expect(r.types).toEqual([['opened partner:Synlab'], ['opened partner:RIZIV'], ['updated perimeter', 'resolved partner:RIZIV']]);
    const merged = r.events.at(-1)!.incident;
    expect(merged).toMatchObject({ mergedInto: `partner:Synlab@${T0}`, resolvedAt: T0 + 2 * MIN });
    expect(merged.members[0]).toMatchObject({ leftAs: 'moved', movedTo: `partner:Synlab@${T0}` });
    expect(texts(merged).slice(-2)).toEqual(['riziv moved to "Many external links at once: internet connection or provider"', 'Resolved: its links now belong to another incident']);
    expect(texts(r.open[0]).at(-1)).toBe('riziv joined (down), from "Partner: RIZIV"');
  });

  it('a partner incident that keeps a link of its own is not re-keyed', () => {
    const r = run([
      [T0, [ext('results', 'Synlab', 'down', a('partner')), ext('orders', 'Synlab', 'down', a('partner'))]],
      [T0 + MIN, [ext('results', 'Synlab', 'down', a('perimeter')), ext('orders', 'Synlab', 'down', a('partner'))]],
    ]);
    expect(r.types).toEqual([['opened partner:Synlab'], ['opened perimeter', 'updated partner:Synlab']]);
    expect(r.open.map((i) => i.members.filter((m) => !m.leftAt).map((m) => m.integrationId))).toEqual([['orders'], ['results']]);
  });

  it('when the perimeter passes but one partner stays down, that link moves to an incident of its own', () => {
    const r = run([
      [T0, [ext('lab', 'Synlab', 'down', a('perimeter')), ext('riziv', 'RIZIV', 'down', a('perimeter'))]],
      [T0 + MIN, [ext('lab', 'Synlab', 'down', a('partner')), ext('riziv', 'RIZIV')]],
      [T0 + 3 * MIN, [ext('lab', 'Synlab', 'down', a('partner')), ext('riziv', 'RIZIV')]],
    ]);
    expect(r.types).toEqual([['opened perimeter'], ['opened partner:Synlab', 'updated perimeter'], ['resolved perimeter']]);
    expect(r.events.at(-1)!.incident.resolvedAt).toBe(T0 + MIN);
    expect(r.open.map((i) => i.key)).toEqual(['partner:Synlab']);
  });

  it('the root deepens (the firewall under the engine fails): the internal incident is re-keyed', () => {
    const r = run([
      [T0, [int('firewall'), int('engine', 'down', a('self')), ext('lab', 'Synlab', 'down', a('dependency', 'engine'))]],
      [T0 + MIN, [int('firewall', 'down', a('self')), int('engine', 'down', a('dependency', 'firewall')), ext('lab', 'Synlab', 'down', a('dependency', 'firewall'))]],
    ]);
    expect(r.types).toEqual([['opened internal:engine'], ['updated internal:firewall']]);
    expect(r.open).toHaveLength(1);
    expect(r.open[0].members.map((m) => m.integrationId)).toEqual(['engine', 'lab', 'firewall']);
  });

  it('a link recovered within the cool-down and failing again as perimeter brings its incident along', () => {
    const r = run([
      [T0, [ext('lab', 'Synlab', 'down', a('partner')), ext('riziv', 'RIZIV')]],
      [T0 + MIN, [ext('lab', 'Synlab'), ext('riziv', 'RIZIV')]],
      [T0 + 2 * MIN, [ext('lab', 'Synlab', 'down', a('perimeter')), ext('riziv', 'RIZIV', 'down', a('perimeter'))]],
    ]);
    expect(r.types.at(-1)).toEqual(['updated perimeter']);
    expect(r.open).toHaveLength(1);
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
    const { events } = run([[T0, [ext('lab', 'Synlab', 'down', a('partner'))]], [T0 + MIN, [ext('lab', 'Synlab')]], [T0 + 5 * MIN, [ext('lab', 'Synlab')]]]);
    const resolved = events.at(-1)!.incident;
    expect(reconcileIncidents([resolved], [ext('lab', 'Synlab')], T0 + 6 * MIN)).toEqual({ open: [], events: [] });
  });

  it('a flapping link: one incident, no storm', () => {
    const steps: [number, IncidentInput[]][] = [];
    for (let i = 0; i < 40; i++) steps.push([T0 + i * 45_000, [ext('lab', 'Synlab', i % 2 ? 'operational' : 'down', i % 2 ? null : a('partner'))]]);
    steps.push([T0 + 40 * 45_000 + 2 * MIN, [ext('lab', 'Synlab')]]);
    const r = run(steps);
    expect(r.events.filter((e) => e.type === 'opened')).toHaveLength(1);
    expect(r.events.filter((e) => e.type === 'resolved')).toHaveLength(1);
    expect(r.log.every((s) => s.events.length <= 1)).toBe(true);
  });
});

describe('reconcileIncidents: settling of partner and single-link incidents', () => {
  const lab = (status: Status, attribution: Attribution | null, since: number): IncidentInput => ({ ...ext('lab', 'Synlab', status, attribution), since });

  it.each<[string, number, string[]]>([
    ['1 ms before the settle time: nothing yet', 30_000 - 1, []],
    ['at the settle time: opened', 30_000, ['opened partner:Synlab']],
  ])('%s', (_, after, expected) => {
    const r = run([[T0, [lab('down', a('partner'), T0)]], [T0 + after, [lab('down', a('partner'), T0)]]]);
    expect(r.types).toEqual([[], expected]);
  });

  it('the settle time is an option', () => {
    expect(run([[T0, [lab('down', a('partner'), T0)]]], { settleMs: 0 }).types).toEqual([['opened partner:Synlab']]);
  });

  it('a single link on its own (self) settles too', () => {
    expect(run([[T0, [lab('down', a('self'), T0)]]]).types).toEqual([[]]);
  });

  it.each<[string, IncidentInput]>([
    ['perimeter', lab('down', a('perimeter'), T0)],
    ['internal', { ...int('engine', 'down', a('self')), since: T0 }],
  ])('a common cause (%s) opens at once', (_, item) => {
    expect(run([[T0, [item]]]).types[0]).toHaveLength(1);
  });

  it('a link failing a moment before its common cause is recognised joins that incident only', () => {
    const r = run([
      [T0, [int('engine'), lab('down', a('partner'), T0)]],
      [T0 + 20_000, [{ ...int('engine', 'down', a('self')), since: T0 + 20_000 }, lab('down', a('dependency', 'engine'), T0)]],
      [T0 + 60_000, [{ ...int('engine', 'down', a('self')), since: T0 + 20_000 }, lab('down', a('dependency', 'engine'), T0)]],
    ]);
    expect(r.types).toEqual([[], ['opened internal:engine'], []]);
  });

  it('a relapse during the cool-down joins at once', () => {
    const r = run([
      [T0, [lab('down', a('partner'), T0 - MIN)]],
      [T0 + MIN, [lab('operational', null, T0 + MIN)]],
      [T0 + 2 * MIN, [lab('down', a('partner'), T0 + 2 * MIN)]],
    ]);
    expect(r.types).toEqual([['opened partner:Synlab'], ['updated partner:Synlab'], ['updated partner:Synlab']]);
  });

  it('a link leaving the perimeter for its partner stays in the perimeter incident until that settles', () => {
    const r = run([
      [T0, [lab('down', a('perimeter'), T0)]],
      [T0 + MIN, [lab('down', a('partner'), T0)]],
      [T0 + MIN + 10_000, [{ ...lab('down', a('partner'), T0), since: T0 + MIN + 10_000 }]],
    ]);
    expect(r.types).toEqual([['opened perimeter'], ['opened partner:Synlab', 'resolved perimeter'], []]);
    const s = run([
      [T0, [lab('down', a('perimeter'), T0)]],
      [T0 + MIN, [lab('degraded', a('partner'), T0 + MIN)]],
    ]);
    expect(s.types).toEqual([['opened perimeter'], ['updated perimeter']]);
    expect(texts(s.open[0]).at(-1)).toBe('lab now degraded (was down)');
  });
});
