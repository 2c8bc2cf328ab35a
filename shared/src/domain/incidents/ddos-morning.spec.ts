import { describe, expect, it } from 'vitest';
import { allEvents, at, EXTERNAL_IDS, frameAt, HOSPITAL, simulate, type Behaviour } from '../../testing/scenario-harness.js';

/**
 * The UZ Gent morning from DESIGN.md: unusual traffic at 07:20 slows every external link, a
 * sharp rise at 07:30 makes several fail, inside the hospital everything works, and external
 * communications are restored around 11:00.
 */
const FAILING_AT_0730 = ['synlab-results', 'ehealth-consent', 'vitalink', 'insurer-claims', 'az-imaging'];
const outside = (id: string): boolean => HOSPITAL.find((i) => i.id === id)?.side === 'external';
const ddos: Behaviour = (id, t) => {
  if (!outside(id) || t < at('07:20') || t >= at('11:00')) return 'good';
  return t >= at('07:30') && FAILING_AT_0730.includes(id) ? 'fail' : 'slow';
};
const INTERVAL = 30_000;

describe('DDoS morning', () => {
  const frames = simulate(ddos, { from: at('07:00'), to: at('11:30') });
  const settled = frames.filter((f) => f.t >= at('07:01'));

  it('before the wave: all systems normal', () => {
    expect(frameAt(frames, at('07:15')).verdict).toMatchObject({ internal: 'operational', external: 'operational', cause: 'none', summary: 'All systems normal.' });
  });

  it('cause perimeter within 2 check intervals of the onset, and held until the restore', () => {
    const first = frames.find((f) => f.verdict.cause === 'perimeter')!;
    expect(first.t).toBeGreaterThan(at('07:20'));
    expect(first.t).toBeLessThanOrEqual(at('07:20') + 2 * INTERVAL);
    const during = frames.filter((f) => f.t >= first.t && f.t < at('11:00'));
    expect(during.every((f) => f.verdict.cause === 'perimeter')).toBe(true);
  });

  it('no integration is ever attributed to its partner, a dependency or itself', () => {
    const causes = new Set(frames.flatMap((f) => Object.values(f.attribution).map((a) => a?.cause ?? 'none')));
    expect([...causes].sort()).toEqual(['none', 'perimeter']);
  });

  it('internal systems operational throughout', () => {
    expect(settled.every((f) => f.verdict.internal === 'operational')).toBe(true);
    expect(settled.every((f) => ['firewall', 'engine', 'epd'].every((id) => f.status[id] === 'operational'))).toBe(true);
  });

  it('one incident covering the externals, opened at the onset, resolved at the restore', () => {
    const events = allEvents(frames);
    const opened = events.filter((e) => e.type === 'opened');
    expect(opened).toHaveLength(1);
    const resolved = events.filter((e) => e.type === 'resolved');
    expect(resolved).toHaveLength(1);
    const incident = resolved[0].incident;
    expect(incident).toMatchObject({ key: 'perimeter', kind: 'perimeter', worst: 'down' });
    expect(incident.openedAt).toBeLessThanOrEqual(at('07:20') + 2 * INTERVAL);
    expect(incident.members.map((m) => m.integrationId).sort()).toEqual([...EXTERNAL_IDS, 'provider-gw'].sort());
    expect(incident.members.every((m) => m.leftAs === 'recovered')).toBe(true);
    expect(incident.resolvedAt).toBeGreaterThanOrEqual(at('11:00'));
    expect(incident.resolvedAt).toBeLessThanOrEqual(at('11:00') + 3 * INTERVAL);
    expect(frameAt(frames, at('11:10')).open).toEqual([]);
  });

  it('the incident never splits: at most one open at any time, always the same one', () => {
    const ids = new Set(frames.flatMap((f) => f.open.map((i) => i.id)));
    expect(ids.size).toBe(1);
    expect(frames.every((f) => f.open.length <= 1)).toBe(true);
  });

  it('the headline during the slowdown and after the sharp rise', () => {
    expect(frameAt(frames, at('07:25')).verdict).toMatchObject({
      internal: 'operational',
      external: 'degraded',
      cause: 'perimeter',
      summary: 'Hospital systems normal. 9 of 9 external links slow since 07:20 — likely our internet connection or provider, not the partners.',
    });
    expect(frameAt(frames, at('09:00')).verdict).toMatchObject({
      external: 'down',
      summary: 'Hospital systems normal. 9 of 9 external links slow or down since 07:20 — likely our internet connection or provider, not the partners.',
    });
    expect(frameAt(frames, at('09:00')).verdict.reasons).toContain('confirmed by the reference point Provider gateway, failing too');
  });

  it('after the restore: all systems normal again', () => {
    expect(frameAt(frames, at('11:05')).verdict).toMatchObject({ cause: 'none', external: 'operational', summary: 'All systems normal.' });
  });
});

describe('DDoS morning with Synlab already down for its own reasons', () => {
  const behaviour: Behaviour = (id, t) => (id === 'synlab-results' && t >= at('06:50') && t < at('11:30') ? 'fail' : ddos(id, t));
  const frames = simulate(behaviour, { from: at('06:45'), to: at('11:45') });

  it('the early partner incident is regrouped into the perimeter incident: one incident covers the externals', () => {
    const before = frameAt(frames, at('07:10'));
    expect(before.open.map((i) => i.key)).toEqual(['partner:Synlab']);
    const during = frameAt(frames, at('08:00'));
    expect(during.open).toHaveLength(1);
    expect(during.open[0]).toMatchObject({ id: before.open[0].id, key: 'perimeter' });
    expect(during.open[0].members.filter((m) => !m.leftAt)).toHaveLength(EXTERNAL_IDS.length + 1);
  });

  it('after the restore Synlab is its partner again, in an incident of its own, and the perimeter incident closes; Synlab\'s at its own recovery', () => {
    const after = frameAt(frames, at('11:15'));
    expect(after.attribution['synlab-results']?.cause).toBe('partner');
    expect(after.open.map((i) => i.key)).toEqual(['partner:Synlab']);
    expect(after.verdict.summary).toBe('Synlab lab results down since 06:50 — this partner only; everything else normal.');
    const resolved = allEvents(frames).filter((e) => e.type === 'resolved');
    expect(resolved.map((e) => e.incident.key)).toEqual(['perimeter', 'partner:Synlab']);
    expect(resolved[1].incident.resolvedAt).toBeGreaterThanOrEqual(at('11:30'));
    expect(allEvents(frames).filter((e) => e.type === 'opened').map((e) => e.incident.key)).toEqual(['partner:Synlab', 'partner:Synlab']);
  });
});
