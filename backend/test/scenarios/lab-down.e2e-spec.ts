import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScenario, type ScenarioRun } from '../support/demo-scenario.js';
import { expectEventually } from '../support/expect-eventually.js';

/**
 * One lab stops answering while everything else is fine: a partner problem, not ours and not
 * the perimeter. 12× with 1 s checks: Synlab fails 5 s after the app is up.
 */
describe('lab-down: Synlab stops answering', () => {
  let run: ScenarioRun;
  let steady = { seq: 0, receivedAt: 0 };

  beforeAll(async () => {
    run = await startScenario({ scenario: 'lab-down', timeFactor: 12 });
  });
  afterAll(async () => {
    await run?.close();
  });

  it('settles, every integration operational, before Synlab fails at 09:01', async () => {
    steady = await run.settled();
    expect(steady.receivedAt).toBeLessThan(run.realAt('09:01'));
  });

  it('Synlab goes down, attributed to its partner; the verdict blames the partners, the inside stays operational', async () => {
    const down = await expectEventually(() => run.live.first('integration.updated', (e) => e.integration.id === 'synlab-results' && e.integration.status === 'down'), {
      timeout: 30_000,
    });
    expect(down.receivedAt).toBeGreaterThan(run.realAt('09:01'));
    expect(down.payload.integration.attribution).toMatchObject({ cause: 'partner' });
    expect(down.payload.integration.attribution?.reasons?.[0]).toBe("on Synlab's side");
    const verdict = await expectEventually(async () => {
      const v = (await run.status()).verdict;
      expect(v).toMatchObject({ internal: 'operational', cause: 'partners' });
      return v;
    });
    expect(['degraded', 'down']).toContain(verdict.external);
    expect(verdict.summary).toMatch(/Synlab/);
  });

  it('opens one incident for Synlab, once it has settled', async () => {
    const opened = await expectEventually(() => run.live.first('incident.opened'), { timeout: 20_000 });
    expect(opened.payload.incident).toMatchObject({ key: 'partner:Synlab', kind: 'partner', subject: 'Synlab' });
    expect(opened.payload.incident.members.map((m) => m.integrationId)).toEqual(['synlab-results']);
    // A partner incident waits the settle time (3 intervals) after the link failed, in case a common cause turns up.
    const down = run.live.first('integration.updated', (e) => e.integration.id === 'synlab-results' && e.integration.status === 'down');
    expect(Date.parse(opened.payload.incident.openedAt) - Date.parse(down.payload.integration.since)).toBeGreaterThanOrEqual(3 * run.intervalMs);
    // After the next full pass (tick): still the one incident, still open.
    const seq = opened.payload.seq;
    await expectEventually(() => run.live.first('tick', (t) => t.seq > seq), { timeout: 20_000 });
    expect(run.live.all('incident.opened')).toHaveLength(1);
    expect((await run.status()).incidents.map((i) => i.id)).toEqual([opened.payload.incident.id]);
  }, 60_000);

  it('throughout: no other link affected, no perimeter, no other attribution', () => {
    const attributed = run.live.integrations().filter((s) => s.seq >= steady.seq && s.value.attribution !== null);
    expect(new Set(attributed.map((s) => s.value.id))).toEqual(new Set(['synlab-results']));
    expect(new Set(attributed.map((s) => s.value.attribution!.cause))).toEqual(new Set(['partner']));
    const causes = run.live.verdicts().filter((v) => v.seq >= steady.seq).map((v) => v.value.cause);
    expect(causes.filter((c) => c !== 'none' && c !== 'partners')).toEqual([]);
  });
});
