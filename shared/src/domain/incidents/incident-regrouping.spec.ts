import { describe, expect, it } from 'vitest';
import type { IncidentState } from '../../contracts/incident.js';
import type { Attribution } from '../../contracts/snapshot.js';
import type { Status } from '../../contracts/words.js';
import type { IncidentInput } from './incident-groups.js';
import { runIncidents as run } from '../../testing/scenario-harness.js';

const T0 = Date.UTC(2025, 2, 4, 8, 0);
const MIN = 60_000;
const a = (cause: Attribution['cause'], via?: string): Attribution => (via ? { cause, via } : { cause });
const ext = (id: string, partner: string, status: Status = 'operational', attribution: Attribution | null = null): IncidentInput => ({ id, name: id, side: 'external', partner, status, attribution });
const int = (id: string, status: Status = 'operational', attribution: Attribution | null = null): IncidentInput => ({ id, name: id, side: 'internal', status, attribution });

const texts = (incident: IncidentState): string[] => incident.timeline.map((e) => e.text);

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
      [T0 + 6 * MIN, [ext('lab', 'Synlab', 'down', a('partner')), ext('riziv', 'RIZIV')]],
    ]);
    expect(r.types).toEqual([['opened perimeter'], ['updated perimeter'], ['opened partner:Synlab', 'updated perimeter'], ['resolved perimeter']]);
    const perimeter = r.events.at(-1)!.incident;
    expect(perimeter).toMatchObject({ resolvedAt: T0 + 3 * MIN });
    expect(perimeter).not.toHaveProperty('mergedInto');
    expect(perimeter.members.map((m) => m.leftAs)).toEqual(['moved', 'recovered']);
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
    const still = (t: number): [number, IncidentInput[]] => [t, [lab('down', a('partner'), T0)]];
    const r = run([[T0, [lab('down', a('perimeter'), T0)]], still(T0 + MIN), still(T0 + MIN + 30_000 - 1), still(T0 + MIN + 30_000)]);
    expect(r.types).toEqual([['opened perimeter'], [], [], ['opened partner:Synlab', 'resolved perimeter']]);
    expect(r.log[1].open[0].members[0]).toMatchObject({ pendingMoveSince: T0 + MIN });
    expect(r.events.at(-1)!.incident).toMatchObject({ mergedInto: `partner:Synlab@${T0 + MIN + 30_000}` });
  });

  it('a link whose narrow reason lasts less than the settle time never moves (links catching up after the engine recovers)', () => {
    const engine = (status: Status): IncidentInput => int('engine', status, status === 'down' ? a('self') : null);
    const r = run([
      [T0, [engine('down'), lab('down', a('dependency', 'engine'), T0)]],
      [T0 + 10 * MIN, [engine('operational'), lab('down', a('partner'), T0)]],
      [T0 + 10 * MIN + 20_000, [engine('operational'), lab('operational', null, T0 + 10 * MIN + 20_000)]],
    ]);
    expect(r.types).toEqual([['opened internal:engine'], ['updated internal:engine'], ['updated internal:engine']]);
    expect(r.open[0].members.map((m) => m.leftAs)).toEqual(['recovered', 'recovered']);
    expect(r.open[0].members[1]).not.toHaveProperty('pendingMoveSince');
  });

  it('a pending move is forgotten when the link returns to its incident\'s cause', () => {
    const r = run([
      [T0, [lab('down', a('perimeter'), T0)]],
      [T0 + 10_000, [lab('down', a('partner'), T0)]],
      [T0 + 20_000, [lab('down', a('perimeter'), T0)]],
    ]);
    expect(r.open[0].members[0]).not.toHaveProperty('pendingMoveSince');
  });
});
