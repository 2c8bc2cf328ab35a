import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_LABEL, DEMO_SCENARIOS, DemoSimulator } from './demo-simulator.js';
import { connect, hit, simHhmm, targetsOf, type Answer } from './test-client.js';

const running: DemoSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

async function startSim(scenario: string, opts: { timeFactor?: number; startAt?: string } = {}) {
  const lines: string[] = [];
  const sim = new DemoSimulator({ scenario, timeFactor: opts.timeFactor ?? 60, startAt: opts.startAt, log: (l) => lines.push(l) });
  running.push(sim);
  await sim.start();
  return { sim, lines, ...targetsOf(sim.catalogYaml()) };
}

const fastOk = (a: Answer, degradedAboveMs: number) => {
  expect(a.status).toBe(200);
  expect(a.body).toMatchObject({ status: 'ok', simulated: true });
  expect(a.ms).toBeLessThan(degradedAboveMs);
};

describe('DemoSimulator in the normal scenario', () => {
  it('renders a valid catalog whose every HTTP and TCP target answers, quickly and healthy', async () => {
    const { targets, degradedAboveMs, timeoutMs } = await startSim('normal');
    const urls = targets.flatMap((t) => t.urls);
    const ports = targets.flatMap((t) => t.tcpPorts);
    for (const t of targets) expect(t.urls.length + t.tcpPorts.length, t.id).toBeGreaterThan(0);
    expect(new Set(urls.map((u) => new URL(u).port)).size).toBe(1); // one HTTP server, a path per system
    expect(ports.length).toBe(5);
    for (const a of await Promise.all(urls.map((u) => hit(u, timeoutMs)))) fastOk(a, degradedAboveMs);
    expect(await Promise.all(ports.map(connect))).toEqual(ports.map(() => 'open'));
  });

  it('writes the chosen interval into the catalog, with a shorter timeout', async () => {
    const sim = new DemoSimulator({ scenario: 'normal', timeFactor: 1, interval: '10s', log: () => undefined });
    running.push(sim);
    await sim.start();
    expect(targetsOf(sim.catalogYaml()).timeoutMs).toBeLessThan(10_000);
    expect(sim.catalogYaml()).toContain('interval: 10s');
  });

  it('answers 404 for a path that names no simulated system', async () => {
    const { byId, timeoutMs } = await startSim('normal');
    const base = new URL(byId('ehr').urls[0]);
    expect((await hit(`${base.origin}/no-such-system/health`, timeoutMs)).status).toBe(404);
  });

  it('reports its scenario, simulated time and label, and labels every log line as simulated', async () => {
    const { sim, lines } = await startSim('normal', { startAt: '08:30' });
    expect(sim.info()).toEqual({ scenario: 'normal', simulatedTime: expect.stringMatching(/T08:3\d:\d\d\.\d{3}[+-]\d\d:\d\d$/), label: DEMO_LABEL });
    await sim.stop();
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) expect(line).toMatch(/^\[demo simulator\] .*simulated/);
  });

  it('refuses an unknown scenario, naming the ones it knows', () => {
    expect(() => new DemoSimulator({ scenario: 'zombie-apocalypse', timeFactor: 1 })).toThrow(/perimeter-ddos/);
    expect(Object.keys(DEMO_SCENARIOS)).toEqual(expect.arrayContaining(['normal', 'perimeter-ddos', 'lab-down', 'engine-down', 'partners-down', 'flapping']));
  });
});

describe('DemoSimulator single-fault scenarios, a minute in (3000×: 20 ms real)', () => {
  it.each([
    // scenario, system that fails, its HTTP answer, its TCP port (if any), systems that stay fast and healthy
    ['lab-down', 'synlab-results', { status: 503 }, 'ECONNREFUSED', ['medilab-results', 'interface-engine', 'provider-gateway']],
    ['engine-down', 'interface-engine', { status: 503 }, undefined, ['ehr', 'ehealth-platform', 'imaging-exchange', 'provider-gateway']],
    ['engine-down', 'synlab-results', { status: 503 }, 'ECONNREFUSED', ['lis', 'mycarenet-insurability', 'provider-gateway']],
    ['partners-down', 'ehealth-platform', { status: 503 }, undefined, ['provider-gateway', 'synlab-results', 'ehr']],
    ['partners-down', 'mycarenet-insurability', { error: 'ECONNRESET' }, undefined, ['provider-gateway', 'recipe-prescriptions']],
  ] as const)('%s: %s fails, the others do not', async (scenario, failing, answer, tcp, healthy) => {
    const { sim, byId, timeoutMs, degradedAboveMs } = await startSim(scenario, { timeFactor: 3000 });
    const start = DEMO_SCENARIOS[scenario as keyof typeof DEMO_SCENARIOS].startAt;
    await vi.waitFor(() => expect(simHhmm(sim.info().simulatedTime) > start).toBe(true), { timeout: 2000, interval: 10 });
    expect(await hit(byId(failing).urls[0], timeoutMs)).toMatchObject(answer);
    if (tcp) await vi.waitFor(async () => expect(await connect(byId(failing).tcpPorts[0])).toBe(tcp), { timeout: 2000, interval: 10 });
    for (const id of healthy) fastOk(await hit(byId(id).urls[0], timeoutMs), degradedAboveMs);
  });

  it('flapping: Recip-e alternates success and failure on consecutive checks', async () => {
    const { sim, byId, timeoutMs } = await startSim('flapping', { timeFactor: 3000 });
    await vi.waitFor(() => expect(simHhmm(sim.info().simulatedTime) > '16:00').toBe(true), { timeout: 2000, interval: 10 });
    const statuses: (number | undefined)[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await hit(byId('recipe-prescriptions').urls[0], timeoutMs)).status);
    expect(statuses).toEqual([200, 503, 200, 503, 200, 503]);
  });
});

describe('DemoSimulator.restartClock', () => {
  it('plays the scenario afresh from its start: a phase reached while the app booted is undone', async () => {
    let real = 1_000_000;
    const lines: string[] = [];
    const sim = new DemoSimulator({ scenario: 'lab-down', timeFactor: 60, log: (l) => lines.push(l), now: () => real });
    running.push(sim);
    await sim.start();
    const { byId, timeoutMs } = targetsOf(sim.catalogYaml());
    real += 90_000; // 90 simulated minutes of boot: Synlab went down at 09:01
    expect(simHhmm(sim.info().simulatedTime)).toBe('10:30');
    expect((await hit(byId('synlab-results').urls[0], timeoutMs)).status).toBe(503);
    // The phase timer (1 s real) closes Synlab's TCP port.
    await vi.waitFor(async () => expect(await connect(byId('synlab-results').tcpPorts[0])).toBe('ECONNREFUSED'), { timeout: 3000, interval: 20 });
    await sim.restartClock();
    expect(simHhmm(sim.info().simulatedTime)).toBe('09:00');
    expect((await hit(byId('synlab-results').urls[0], timeoutMs)).status).toBe(200);
    expect(await connect(byId('synlab-results').tcpPorts[0])).toBe('open');
    expect(lines.filter((l) => /restarts at 09:00/.test(l))).toHaveLength(1);
  });

  it('does nothing before start() or after stop()', async () => {
    const lines: string[] = [];
    const sim = new DemoSimulator({ scenario: 'normal', timeFactor: 1, log: (l) => lines.push(l) });
    await sim.restartClock();
    expect(() => sim.catalogYaml()).toThrow(/start\(\)/);
    await sim.start();
    await sim.stop();
    await sim.restartClock();
    expect(lines.filter((l) => /restarts/.test(l))).toEqual([]);
  });
});

describe('DemoSimulator.stop', () => {
  it('closes every listener and open connection promptly: a connect afterwards is refused', async () => {
    // 08:00 in perimeter-ddos: Synlab's API hangs, so a request is held open when stop() comes.
    const { sim, lines, targets, byId, timeoutMs } = await startSim('perimeter-ddos', { startAt: '08:00' });
    const held = hit(byId('synlab-results').urls[0], timeoutMs);
    const idle = await connect(byId('egress-firewall').tcpPorts[0]);
    expect(idle).toBe('open');
    await new Promise((r) => setImmediate(r)); // let the held request reach the server

    const before = performance.now();
    await sim.stop();
    expect(performance.now() - before).toBeLessThan(500);
    expect((await held).error).not.toBe('timeout'); // cut off by stop(), not left to time out

    const ports = [...new Set([...targets.flatMap((t) => t.tcpPorts), Number(new URL(byId('ehr').urls[0]).port)])];
    expect(await Promise.all(ports.map(connect))).toEqual(ports.map(() => 'ECONNREFUSED'));
    await sim.stop(); // twice is harmless
    expect(lines.at(-1)).toMatch(/stopped/);
  });

  it('leaves nothing listening when stop() comes while start() is still under way', async () => {
    const listeners = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;
    const before = listeners();
    const sim = new DemoSimulator({ scenario: 'normal', timeFactor: 1, log: () => undefined });
    const starting = sim.start();
    await sim.stop();
    await starting;
    // libuv lists a closed listener until its close request completes, a tick later.
    await vi.waitFor(() => expect(listeners()).toBe(before), { timeout: 500, interval: 5 });
    expect(() => sim.catalogYaml()).toThrow(/start\(\)/);
  });
});
