import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScenario, type ScenarioRun } from '../support/demo-scenario.js';
import { expectEventually } from '../support/expect-eventually.js';

/**
 * Recip-e answers every other request. Hysteresis (2 failures in a row to go down) must keep the
 * wall steady instead of flipping at every check, and incidents must not storm.
 * 12× with 1 s checks: the flapping starts 5 s after start and is watched for 12 checks.
 */
const FLAPPING = 'recipe-prescriptions';
const CHECKS_WATCHED = 12;

interface History {
  results: Array<{ ok: boolean; startedAt: string }>;
}

describe('flapping: Recip-e answers every other request', () => {
  let run: ScenarioRun;
  let steady = { seq: 0, receivedAt: 0 };

  beforeAll(async () => {
    run = await startScenario({ scenario: 'flapping', timeFactor: 12 });
  });
  afterAll(async () => {
    await run?.close();
  });

  it('settles, every integration operational, before the flapping starts at 16:01', async () => {
    steady = await run.settled();
    expect(steady.receivedAt).toBeLessThan(run.realAt('16:01'));
  });

  it(`the probe sees it flap: ${CHECKS_WATCHED} checks in a row alternate success and failure`, async () => {
    const flapStart = run.realAt('16:01');
    await expectEventually(
      async () => {
        const { results } = (await (await fetch(`${run.app.url}/api/integrations/${FLAPPING}/history`)).json()) as History;
        const flapping = results.filter((r) => Date.parse(r.startedAt) > flapStart).sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
        expect(flapping.length).toBeGreaterThanOrEqual(CHECKS_WATCHED);
        // Strictly alternating: never twice the same in a row, so never two failures in a row.
        expect(flapping.filter((r, i) => i > 0 && r.ok === flapping[i - 1].ok)).toEqual([]);
      },
      { timeout: flapStart - Date.now() + CHECKS_WATCHED * run.intervalMs + 30_000, every: 500 },
    );
  }, 90_000);

  it('the wall stays steady: its status changed at most a couple of times, not at every check', () => {
    // Operational when the picture settled; what the wall was told after that, change by change.
    let shown = 'operational';
    const changes: string[] = [];
    for (const { seq, value } of run.live.integrations(FLAPPING)) {
      if (seq <= steady.seq || value.status === shown) continue;
      changes.push(`${shown} → ${value.status}`);
      shown = value.status;
    }
    // With 2 failures needed to go down, alternating answers never get there; a success slowed by
    // a busy machine next to a failure may degrade it once, and nothing fast enough twice brings it back.
    expect(changes.length, changes.join(', ')).toBeLessThanOrEqual(2);
  });

  it('at most one incident for it over the run', () => {
    const opened = run.live.all('incident.opened').map((e) => e.payload.incident);
    const forIt = opened.filter((i) => i.members.some((m) => m.integrationId === FLAPPING));
    expect(forIt.length).toBeLessThanOrEqual(1);
    for (const incident of forIt) expect(incident).toMatchObject({ key: 'partner:Recip-e', kind: 'partner' });
  });

  it('nothing else moved: no other link attributed, no perimeter, verdict never blames the inside', () => {
    const attributed = run.live.integrations().filter((s) => s.seq >= steady.seq && s.value.attribution !== null);
    expect(attributed.filter((s) => s.value.id !== FLAPPING)).toEqual([]);
    const causes = run.live.verdicts().filter((v) => v.seq >= steady.seq).map((v) => v.value.cause);
    expect(causes.filter((c) => c !== 'none' && c !== 'partners')).toEqual([]);
  });
});
