import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScenario, type ScenarioRun } from '../support/demo-scenario.js';
import { expectEventually } from '../support/expect-eventually.js';

/**
 * The hospital's interface engine fails, and the links to Synlab, Medilab Oost and CoZo, which
 * pass through it, fail with it: the cause is inside, and the wall must say so rather than
 * blame three partners or the provider. 12× with 1 s checks: the engine fails 5 s after start.
 */
const THROUGH_ENGINE = ['synlab-results', 'medilab-results', 'cozo-hub'];

describe('engine-down: the interface engine fails', () => {
  let run: ScenarioRun;
  let steady = { seq: 0, receivedAt: 0 };

  beforeAll(async () => {
    run = await startScenario({ scenario: 'engine-down', timeFactor: 12 });
  });
  afterAll(async () => {
    await run?.close();
  });

  it('settles, every integration operational, before the engine fails at 10:01', async () => {
    steady = await run.settled();
    expect(steady.receivedAt).toBeLessThan(run.realAt('10:01'));
  });

  it('the links through the engine are attributed to it (dependency via interface-engine)', async () => {
    const snapshot = await expectEventually(
      async () => {
        const s = await run.status();
        for (const id of THROUGH_ENGINE) {
          const i = s.integrations.find((x) => x.id === id)!;
          expect(i.status, id).toBe('down');
          expect(i.attribution, id).toMatchObject({ cause: 'dependency', via: 'interface-engine' });
        }
        return s;
      },
      { timeout: 30_000 },
    );
    expect(snapshot.integrations.find((i) => i.id === 'interface-engine')).toMatchObject({ status: 'down', attribution: { cause: 'self' } });
    // LIS needs the engine too, but its own check still answers: nothing to attribute.
    expect(snapshot.integrations.find((i) => i.id === 'lis')).toMatchObject({ status: 'operational', attribution: null });
    // Links that do not need the engine are untouched.
    for (const id of ['ehealth-platform', 'mycarenet-insurability', 'provider-gateway']) {
      expect(snapshot.integrations.find((i) => i.id === id), id).toMatchObject({ status: 'operational', attribution: null });
    }
    expect(run.live.first('integration.updated', (e) => e.integration.id === 'interface-engine' && e.integration.status === 'down').receivedAt).toBeGreaterThan(
      run.realAt('10:01'),
    );
  });

  it('the verdict says the cause is inside: internal not operational, cause internal', async () => {
    const { verdict } = await run.status();
    expect(verdict).toMatchObject({ internal: 'down', external: 'down', cause: 'internal' });
    expect(verdict.summary).toMatch(/Interface engine/);
    const last = run.live.verdicts().at(-1)!.value;
    expect(last).toMatchObject({ internal: 'down', cause: 'internal' });
  });

  it('one incident for the engine, with the links through it', async () => {
    const incident = await expectEventually(
      async () => {
        const [only, ...others] = (await run.status()).incidents;
        expect(others).toEqual([]);
        expect(only).toMatchObject({ key: 'internal:interface-engine', kind: 'internal', subject: 'interface-engine' });
        const members = only.members.filter((m) => m.leftAt === undefined).map((m) => m.integrationId);
        expect(members.sort()).toEqual(['interface-engine', ...THROUGH_ENGINE].sort());
        return only;
      },
      { timeout: 20_000 },
    );
    // Links failing a moment before the engine's own check waited (settle) instead of opening partner incidents.
    expect(run.live.all('incident.opened').map((e) => e.payload.incident.key)).toEqual([incident.key]);
    expect(run.live.all('incident.resolved')).toEqual([]);
  });

  it('throughout: never the perimeter, never a partner once the engine is known down', () => {
    expect(run.live.integrations().filter((s) => s.seq >= steady.seq && s.value.attribution?.cause === 'perimeter')).toEqual([]);
    expect(run.live.verdicts().filter((v) => v.seq >= steady.seq && v.value.cause === 'perimeter')).toEqual([]);
    const engineDown = run.live.first('integration.updated', (e) => e.integration.id === 'interface-engine' && e.integration.status === 'down').payload.seq;
    const later = run.live.integrations().filter((s) => s.seq >= engineDown && THROUGH_ENGINE.includes(s.value.id) && s.value.status === 'down');
    expect(later.length).toBeGreaterThan(0);
    expect(later.filter((s) => s.value.attribution?.cause !== 'dependency').map((s) => `${s.value.id} ${s.value.attribution?.cause}`)).toEqual([]);
  });
});
