import { afterEach, describe, expect, it, vi } from 'vitest';
import { DemoSimulator } from './demo-simulator.js';
import { EXTERNAL_SYSTEMS } from './scenarios.js';
import { connect, hit, simHhmm, targetsOf, type Answer } from './test-client.js';

/**
 * A real clock the test can pause: at 3000× a phase lasts only 100–200 ms real, so the
 * clock is held while a batch of requests is in flight and the simulator judges them,
 * then runs freely again.
 */
function pausableClock() {
  let heldAt: number | undefined;
  let shift = 0;
  const now = () => heldAt ?? Date.now() - shift;
  return {
    now,
    hold: () => void (heldAt = now()),
    release: () => {
      if (heldAt !== undefined) shift = Date.now() - heldAt;
      heldAt = undefined;
    },
  };
}

/**
 * The UZ Gent morning at 3000× (07:15 → 11:00 in 4.5 real seconds of running clock),
 * watched from outside with real requests, the way the probes will see it.
 */
describe('DemoSimulator perimeter-ddos timeline', () => {
  let sim: DemoSimulator | undefined;
  afterEach(() => sim?.stop());

  it('external partners go slow at 07:20, several fail at 07:30, all recover at 11:00; inside stays healthy throughout', async () => {
    const lines: string[] = [];
    const real = pausableClock();
    real.hold();
    sim = new DemoSimulator({ scenario: 'perimeter-ddos', timeFactor: 3000, log: (l) => lines.push(l), now: real.now });
    await sim.start();
    const s = sim;
    const { targets, byId, timeoutMs, degradedAboveMs } = targetsOf(s.catalogYaml());
    const clock = () => simHhmm(s.info().simulatedTime);
    const untilClock = (hhmm: string) => vi.waitFor(() => expect(clock() >= hhmm).toBe(true), { timeout: 10_000, interval: 5 });
    const all = (ids: readonly string[]) => Promise.all(ids.map((id) => hit(byId(id).urls[0], timeoutMs)));
    const isFastOk = (a: Answer) => a.status === 200 && a.ms < degradedAboveMs;
    const isSlowOk = (a: Answer) => a.status === 200 && a.ms > degradedAboveMs && a.ms < timeoutMs;

    // 07:15: a quiet morning.
    expect(clock()).toBe('07:15');
    expect((await all(EXTERNAL_SYSTEMS)).map(isFastOk)).toEqual(EXTERNAL_SYSTEMS.map(() => true));

    // Inside the hospital, polled all morning long: every answer must be fast and 200.
    const internal = targets.filter((t) => t.side === 'internal');
    const insideSeen: { clock: string; ok: boolean }[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const at = clock();
        const answers = await Promise.all(internal.flatMap((t) => t.urls).map((u) => hit(u, timeoutMs)));
        const tcp = await Promise.all(internal.flatMap((t) => t.tcpPorts).map(connect));
        insideSeen.push({ clock: at, ok: answers.every(isFastOk) && tcp.every((c) => c === 'open') });
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    real.release();

    // 07:20: unusual traffic; every partner and the provider gateway still answer, but slowly.
    await untilClock('07:20');
    real.hold();
    expect(clock() < '07:30').toBe(true);
    expect((await all(EXTERNAL_SYSTEMS)).map(isSlowOk)).toEqual(EXTERNAL_SYSTEMS.map(() => true));
    real.release();

    // 07:30: the sharp rise; four partners and the gateway now fail the ways a flood makes them fail.
    await untilClock('07:30');
    real.hold();
    const hangs = all(['synlab-results', 'cozo-hub', 'provider-gateway']); // the client gives up
    const stillSlow = all(['medilab-results', 'mycarenet-insurability', 'recipe-prescriptions', 'medication-database']);
    expect((await all(['ehealth-platform']))[0].error).toBe('ECONNRESET');
    expect((await all(['imaging-exchange']))[0].status).toBe(503);
    await vi.waitFor(async () => expect(await connect(byId('synlab-results').tcpPorts[0])).toBe('ECONNREFUSED'), { timeout: 1000, interval: 5 });
    expect(await connect(byId('imaging-exchange').tcpPorts[0])).toBe('ECONNREFUSED');
    real.release(); // the hung requests are in; let the morning run while they wait in vain
    expect((await stillSlow).map(isSlowOk)).toEqual([true, true, true, true]);
    expect((await hangs).map((a) => a.error)).toEqual(['timeout', 'timeout', 'timeout']);

    // 11:00: restored; fast and healthy again, TCP ports accepting once more.
    await untilClock('11:00');
    await vi.waitFor(async () => expect(await connect(byId('synlab-results').tcpPorts[0])).toBe('open'), { timeout: 1000, interval: 5 });
    expect(await connect(byId('imaging-exchange').tcpPorts[0])).toBe('open');
    expect((await all(EXTERNAL_SYSTEMS)).map(isFastOk)).toEqual(EXTERNAL_SYSTEMS.map(() => true));

    polling = false;
    await poller;
    expect(insideSeen.length).toBeGreaterThan(10);
    expect(insideSeen.filter((seen) => !seen.ok)).toEqual([]);
    expect(insideSeen.some((seen) => seen.clock >= '07:30' && seen.clock < '11:00')).toBe(true);

    // The log tells the story, in order, and says it is simulated.
    const phases = lines.filter((l) => / simulated: /.test(l)).map((l) => l.slice('[demo simulator] '.length, '[demo simulator] '.length + 5));
    expect(phases).toEqual(['07:15', '07:20', '07:30', '11:00']);
  });
});
