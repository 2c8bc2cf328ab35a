import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScenario, type ScenarioRun } from '../support/demo-scenario.js';
import { expectEventually } from '../support/expect-eventually.js';

/**
 * The eHealth platform and the insurer fail together while the provider gateway (the canary)
 * and every other link answer: two partners with trouble of their own, not the perimeter.
 * 12× with 1 s checks: both fail 5 s after start.
 */
const FAILING = { 'ehealth-platform': 'eHealth platform', 'mycarenet-insurability': 'MyCareNet' } as const;

describe('partners-down: eHealth platform and MyCareNet fail, the canary is healthy', () => {
  let run: ScenarioRun;
  let steady = { seq: 0, receivedAt: 0 };

  beforeAll(async () => {
    run = await startScenario({ scenario: 'partners-down', timeFactor: 12 });
  });
  afterAll(async () => {
    await run?.close();
  });

  it('settles, every integration operational, before the two fail at 14:01', async () => {
    steady = await run.settled();
    expect(steady.receivedAt).toBeLessThan(run.realAt('14:01'));
  });

  it('both go down, each attributed to its own partner; the verdict blames the partners', async () => {
    const snapshot = await expectEventually(
      async () => {
        const s = await run.status();
        for (const id of Object.keys(FAILING)) {
          const i = s.integrations.find((x) => x.id === id)!;
          expect(i.status, id).toBe('down');
          expect(i.attribution?.cause, id).toBe('partner');
        }
        expect(s.verdict).toMatchObject({ internal: 'operational', external: 'down', cause: 'partners' });
        return s;
      },
      { timeout: 30_000 },
    );
    expect(snapshot.integrations.find((i) => i.id === 'provider-gateway')).toMatchObject({ status: 'operational', attribution: null });
  });

  it('one incident per partner', async () => {
    const incidents = await expectEventually(
      async () => {
        const open = (await run.status()).incidents;
        expect(open.map((i) => i.key).sort()).toEqual(['partner:MyCareNet', 'partner:eHealth platform']);
        return open;
      },
      { timeout: 20_000 },
    );
    for (const [id, partner] of Object.entries(FAILING)) {
      const incident = incidents.find((i) => i.subject === partner)!;
      expect(incident.kind).toBe('partner');
      expect(incident.members.map((m) => m.integrationId)).toEqual([id]);
    }
    expect(run.live.all('incident.opened').map((e) => e.payload.incident.key).sort()).toEqual(['partner:MyCareNet', 'partner:eHealth platform']);
  });

  it('throughout: never the perimeter, and the canary never leaves operational', () => {
    const attributed = run.live.integrations().filter((s) => s.seq >= steady.seq && s.value.attribution !== null);
    expect(new Set(attributed.map((s) => s.value.id))).toEqual(new Set(Object.keys(FAILING)));
    expect(new Set(attributed.map((s) => s.value.attribution!.cause))).toEqual(new Set(['partner']));
    expect(run.live.verdicts().filter((v) => v.seq >= steady.seq && v.value.cause === 'perimeter')).toEqual([]);
    const canary = run.live.integrations('provider-gateway').filter((s) => s.seq >= steady.seq);
    expect(canary.length).toBeGreaterThan(0);
    expect(canary.filter((s) => s.value.status !== 'operational')).toEqual([]);
  });
});
