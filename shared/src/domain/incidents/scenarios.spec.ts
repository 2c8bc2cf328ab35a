import { describe, expect, it } from 'vitest';
import { allEvents, at, frameAt, HOSPITAL, simulate, type Behaviour, type Frame } from '../../testing/scenario-harness.js';

const INTERVAL = 30_000;
const ENGINE_LINKS = ['synlab-results', 'synlab-orders', 'cozo', 'az-imaging'];
const causesOf = (frames: readonly Frame[], id: string): string[] => [...new Set(frames.map((f) => f.attribution[id]?.cause ?? 'none'))];

describe('one lab down, the rest fine', () => {
  const frames = simulate((id, t) => (id === 'synlab-results' && t >= at('09:12') && t < at('10:00') ? 'fail' : 'good'), { from: at('09:00'), to: at('10:10') });
  const down = frames.filter((f) => f.status['synlab-results'] === 'down');

  it('the lab is attributed to its partner, from the moment it is down', () => {
    expect(down.length).toBeGreaterThan(0);
    expect(causesOf(down, 'synlab-results')).toEqual(['partner']);
    expect(down.every((f) => !f.perimeter.holds)).toBe(true);
  });

  it('verdict: external down, cause partners, in plain words', () => {
    expect(frameAt(frames, at('09:30')).verdict).toMatchObject({
      internal: 'operational',
      external: 'down',
      cause: 'partners',
      summary: 'Synlab lab results down since 09:12 — this partner only; everything else normal.',
    });
  });

  it('one partner incident, opened once the failure settled, resolved at the recovery', () => {
    const events = allEvents(frames);
    expect(events.filter((e) => e.type !== 'updated').map((e) => `${e.type} ${e.incident.key}`)).toEqual(['opened partner:Synlab', 'resolved partner:Synlab']);
    const incident = events.at(-1)!.incident;
    expect(incident.openedAt - down[0].t).toBe(30_000);
    expect(incident.resolvedAt).toBeGreaterThanOrEqual(at('10:00'));
    expect(incident.resolvedAt).toBeLessThanOrEqual(at('10:00') + 2 * INTERVAL);
  });
});

describe('interface engine down', () => {
  const broken = (id: string, t: number): boolean => t >= at('08:02') && t < at('08:40') && (id === 'engine' || ENGINE_LINKS.includes(id));
  const frames = simulate((id, t) => (broken(id, t) ? 'fail' : 'good'), { from: at('07:50'), to: at('08:50') });
  const engineDown = frames.filter((f) => f.status.engine === 'down');

  it('the links through the engine are attributed to it, the others untouched', () => {
    for (const id of ENGINE_LINKS) {
      expect(causesOf(engineDown.filter((f) => f.status[id] === 'down'), id)).toEqual(['dependency']);
      expect(engineDown.filter((f) => f.attribution[id]).every((f) => f.attribution[id]?.via === 'engine')).toBe(true);
    }
    expect(causesOf(frames, 'engine')).toEqual(['none', 'self']);
    expect(causesOf(frames, 'ehealth-consent')).toEqual(['none']);
  });

  it('never perimeter', () => {
    expect(frames.some((f) => f.perimeter.holds || f.verdict.cause === 'perimeter')).toBe(false);
  });

  it('verdict: internal not operational, cause internal, the partners cleared', () => {
    expect(frameAt(frames, at('08:10')).verdict).toMatchObject({
      internal: 'down',
      external: 'down',
      cause: 'internal',
      summary: 'Interface engine down since 08:02 — 4 external links affected through it. The partners are not the cause.',
    });
    expect(engineDown.every((f) => f.verdict.cause === 'internal')).toBe(true);
  });

  it('one incident for the engine and its links, nothing per partner', () => {
    const events = allEvents(frames);
    expect(events.filter((e) => e.type === 'opened').map((e) => e.incident.key)).toEqual(['internal:engine']);
    const incident = events.find((e) => e.type === 'resolved')!.incident;
    expect(incident.members.map((m) => m.integrationId).sort()).toEqual(['engine', ...ENGINE_LINKS].sort());
    expect(incident.title).toBe('Inside the hospital: Interface engine');
  });
});

describe('canaries healthy while the eHealth platform and the insurer fail', () => {
  const failing = ['ehealth-consent', 'recip-e', 'vitalink', 'mycarenet', 'insurer-claims'];
  const behaviour: Behaviour = (id, t) => (failing.includes(id) && t >= at('10:00') ? 'fail' : 'good');

  it('the share is met (5 of 9, 2 partners) but the healthy canary points to the partners', () => {
    const frames = simulate(behaviour, { from: at('09:55'), to: at('10:20') });
    const f = frameAt(frames, at('10:10'));
    expect(f.perimeter).toMatchObject({ pattern: true, holds: false, canaries: 'healthy', troubled: 5, counted: 9 });
    for (const id of failing) expect(causesOf(frames, id)).toEqual(['none', 'partner']);
    expect(f.verdict).toMatchObject({ cause: 'partners', internal: 'operational' });
    expect(f.verdict.summary).toBe('5 of 9 external links down since 10:00 — on the side of eHealth platform and Mutualités, not our connection; everything else normal.');
    expect(allEvents(frames).filter((e) => e.type === 'opened').map((e) => e.incident.key)).toEqual(['partner:eHealth platform', 'partner:Mutualités']);
  });

  it('without the canary the same failures read as the perimeter', () => {
    const frames = simulate(behaviour, { from: at('09:55'), to: at('10:20'), catalog: HOSPITAL.filter((i) => i.role !== 'canary') });
    expect(frameAt(frames, at('10:10')).verdict.cause).toBe('perimeter');
  });
});

describe('a flapping target', () => {
  // Synlab answers for 50 s, then fails for 50 s, for an hour: with 30 s checks and hysteresis its
  // status beats down for about 2.5 min and back for about 2.5 min.
  const flapping: Behaviour = (id, t) => (id === 'synlab-results' && t >= at('09:00') && t < at('10:00') && Math.floor((t - at('09:00')) / 50_000) % 2 === 1 ? 'fail' : 'good');
  const frames = simulate(flapping, { from: at('08:55'), to: at('10:15') });
  const statuses = frames.map((f) => f.status['synlab-results']);

  it('really flaps', () => {
    const flips = statuses.filter((s, i) => i > 0 && s !== statuses[i - 1]).length;
    expect(flips).toBeGreaterThan(20);
  });

  it('makes at most one incident, resolved once the flapping stops', () => {
    const events = allEvents(frames);
    expect(events.filter((e) => e.type === 'opened')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'resolved')).toHaveLength(1);
    expect(frames.every((f) => f.open.length <= 1)).toBe(true);
    expect(frames.every((f) => f.events.length <= 1)).toBe(true);
  });
});

describe('a maintenance window', () => {
  const windows = [{ integrationId: 'synlab-results', start: at('10:00'), end: at('11:00'), reason: 'Synlab server upgrade' }];
  const frames = simulate((id, t) => (id === 'synlab-results' && t >= at('10:00') && t < at('10:55') ? 'fail' : 'good'), { from: at('09:55'), to: at('11:10'), windows });

  it('shows maintenance for its whole length and opens no incident', () => {
    expect(frames.filter((f) => f.t >= at('10:00') && f.t < at('11:00')).every((f) => f.status['synlab-results'] === 'maintenance')).toBe(true);
    expect(allEvents(frames)).toEqual([]);
    expect(frameAt(frames, at('10:30')).verdict).toMatchObject({ cause: 'none', summary: 'All systems normal; Synlab lab results in maintenance.' });
  });

  it('the status comes back at the window end', () => {
    expect(frameAt(frames, at('11:00')).status['synlab-results']).toBe('operational');
  });
});
