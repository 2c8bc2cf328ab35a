import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScenario, type ScenarioRun } from '../support/demo-scenario.js';
import { expectEventually } from '../support/expect-eventually.js';

/**
 * The UZ Gent morning of DESIGN.md, played by the demo simulator against the whole backend and
 * watched as a wall screen watches it, over `/live`: unusual traffic at 07:20 slows every
 * external partner, a sharp rise at 07:30 makes several fail, inside the hospital nothing
 * changes, and at 11:00 external communications are restored.
 *
 * 300× with 2 s checks: 06:45 → 11:00 takes 51 s real (07:20–07:30 is 2 s, one check
 * interval), then the 24 s cool-down. 2 s rather than 1 s checks so that "slow" means above
 * 400 ms rather than 200 ms: a loopback answer on a busy 2-core machine can take 200 ms, and
 * an inside system turning degraded would be the machine, not the morning.
 */
const TIME_FACTOR = 300;
const INTERVAL = '2s';
/** Fail outright from 07:30 (hang, reset, 503); the other partners stay slow. */
const FAILING_AT_0730 = ['synlab-results', 'cozo-hub', 'ehealth-platform', 'imaging-exchange'];
const INTERNAL = ['interface-engine', 'ehr', 'lis', 'pacs', 'egress-firewall', 'internal-dns'];

describe('UZ Gent morning (perimeter-ddos)', () => {
  let run: ScenarioRun;
  /** When the picture first settled after the boot: every integration operational. The morning is judged from here. */
  let steady = { seq: 0, receivedAt: 0 };
  let firstPerimeterAt = 0;

  beforeAll(async () => {
    run = await startScenario({ scenario: 'perimeter-ddos', timeFactor: TIME_FACTOR, interval: INTERVAL, startAt: '06:45' });
  });
  afterAll(async () => {
    await run?.close();
  });

  it('before 07:20: a quiet morning, every integration operational', async () => {
    steady = await run.settled();
    // The picture settled before the wave, so what follows is the wave and not the boot.
    expect(steady.receivedAt).toBeLessThan(run.realAt('07:20'));
    expect(run.live.verdicts().at(-1)!.value).toMatchObject({ internal: 'operational', external: 'operational', cause: 'none' });
  });

  it('from 07:20: cause perimeter within 2 check intervals of the failures at 07:30', async ({ annotate }) => {
    const perimeter = await expectEventually(() => run.live.first('verdict.updated', (e) => e.verdict.cause === 'perimeter'), { timeout: 30_000 });
    firstPerimeterAt = perimeter.receivedAt;
    const [wave, rise] = [run.realAt('07:20'), run.realAt('07:30')];
    await annotate(
      `verdict perimeter ${firstPerimeterAt - wave} ms after the 07:20 slowdown (${((firstPerimeterAt - wave) / run.intervalMs).toFixed(1)} intervals), ` +
        `${firstPerimeterAt - rise} ms relative to the 07:30 failures`,
    );
    expect(firstPerimeterAt).toBeGreaterThan(wave);
    expect(firstPerimeterAt).toBeLessThanOrEqual(rise + 2 * run.intervalMs);
    expect(perimeter.payload.verdict).toMatchObject({ internal: 'operational', cause: 'perimeter' });
    expect(perimeter.payload.verdict.summary).toMatch(/internet connection or provider/);
  });

  it('07:30–11:00: the failing links go down, attributed to the perimeter, and the verdict holds until the restore', async () => {
    await run.untilClock('11:00');
    const restore = run.realAt('11:00');
    for (const id of FAILING_AT_0730) {
      const down = run.live.integrations(id).find((s) => s.value.status === 'down');
      expect(down, `${id} went down`).toBeDefined();
      expect(down!.receivedAt).toBeGreaterThan(run.realAt('07:30'));
      expect(down!.value.attribution?.cause, id).toBe('perimeter');
    }
    const during = run.live.verdicts().filter((v) => v.receivedAt >= firstPerimeterAt && v.receivedAt < restore);
    expect(during.map((v) => v.value.cause).filter((c) => c !== 'perimeter')).toEqual([]);
    expect(during.some((v) => v.value.external === 'down')).toBe(true);
    expect((await run.status()).verdict.reasons).toContain('confirmed by the reference point Provider gateway, failing too');
  }, 150_000);

  it('after 11:00: exactly one incident covered the externals, resolved at the restore after its cool-down', async ({ annotate }) => {
    const resolved = await expectEventually(() => run.live.first('incident.resolved'), { timeout: 60_000 });
    const opened = run.live.all('incident.opened');
    expect(opened.map((e) => e.payload.incident.key)).toHaveLength(1);
    const incident = resolved.payload.incident;
    expect(incident.id).toBe(opened[0].payload.incident.id);
    expect(incident).toMatchObject({ kind: 'perimeter', key: 'perimeter', worst: 'down', status: 'operational' });
    // Opened as the perimeter, or a narrower incident re-keyed into it: never a second one.
    expect(run.live.incidents().every((e) => e.value.id === incident.id)).toBe(true);
    const members = incident.members.map((m) => m.integrationId);
    expect(members).toEqual(expect.arrayContaining([...FAILING_AT_0730, 'provider-gateway']));
    expect(incident.members.every((m) => m.side === 'external' && m.leftAs === 'recovered')).toBe(true);

    const restore = run.realAt('11:00');
    const resolvedAt = Date.parse(incident.resolvedAt!);
    await annotate(`incident resolvedAt ${resolvedAt - restore} ms after the 11:00 restore; resolved event ${resolved.receivedAt - resolvedAt} ms later`);
    expect(resolvedAt).toBeGreaterThanOrEqual(restore);
    expect(resolvedAt).toBeLessThanOrEqual(restore + 5 * run.intervalMs);
    // The cool-down (12 intervals) passed before it closed.
    expect(resolved.receivedAt - resolvedAt).toBeGreaterThanOrEqual(12 * run.intervalMs);

    const after = await run.status();
    expect(after.verdict).toMatchObject({ internal: 'operational', external: 'operational', cause: 'none' });
    expect(after.incidents).toEqual([]);
  }, 90_000);

  it('all morning: no link ever attributed to its partner, itself or a dependency; the inside operational in every verdict', () => {
    // From the settled picture on (what the first probes of a busy boot saw is not the morning):
    // what the wall was told over /live, and every snapshot fetched over HTTP while waiting for the clock.
    const morning = run.polled.filter((s) => s.seq >= steady.seq);
    expect(morning.length).toBeGreaterThan(100);
    const pictures = [...run.live.integrations().filter((s) => s.seq >= steady.seq).map((s) => s.value), ...morning.flatMap((s) => s.integrations)];
    const causes = new Set(pictures.map((i) => i.attribution?.cause ?? 'none'));
    expect([...causes].sort()).toEqual(['none', 'perimeter']);
    const verdicts = [...run.live.verdicts().filter((v) => v.seq >= steady.seq).map((v) => v.value), ...morning.map((s) => s.verdict)];
    expect(verdicts.map((v) => v.internal).filter((s) => s !== 'operational')).toEqual([]);
    expect([...new Set(verdicts.map((v) => v.cause))].sort()).toEqual(['none', 'perimeter']);
    for (const id of INTERNAL) expect(pictures.filter((i) => i.id === id && i.status !== 'operational'), id).toEqual([]);
  });

  it('every live event is numbered in order', () => {
    const seqs = run.live.deltaSeqs();
    expect(seqs.length).toBeGreaterThan(50);
    expect(seqs.every((s, i) => i === 0 || s > seqs[i - 1])).toBe(true);
  });
});
