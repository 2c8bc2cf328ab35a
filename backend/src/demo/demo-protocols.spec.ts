import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateCatalog, type ResolvedCheck } from '@lifeline/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCheck } from '../probes/probe-runner.js';
import { PROTOCOL_SYSTEMS } from './demo-catalog.js';
import { DemoSimulator } from './demo-simulator.js';
import { DnsSystem } from './dns-system.js';
import { DEMO_HEARTBEAT_KEY_ENV } from './heartbeat-pusher.js';
import { hl7Ack } from './mllp-system.js';
import type { Behaviour } from './scenarios.js';
import { connect } from './test-client.js';

const running: { stop(): unknown }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

async function startSim(scenario: string, opts: { timeFactor?: number; startAt?: string; interval?: string } = {}) {
  const sim = new DemoSimulator({ scenario, timeFactor: opts.timeFactor ?? 60, startAt: opts.startAt, interval: opts.interval, log: () => undefined });
  running.push(sim);
  await sim.start();
  const result = validateCatalog(parse(sim.catalogYaml()));
  if (!result.ok) throw new Error(`invalid demo catalog: ${JSON.stringify(result.errors)}`);
  const checks = result.catalog.integrations.flatMap((i) => i.checks);
  const checksOf = (integrationId: string, kind: string): ResolvedCheck => {
    const check = checks.find((c) => c.integrationId === integrationId && c.kind === kind);
    if (!check) throw new Error(`no ${kind} check on ${integrationId}`);
    return check;
  };
  return { sim, checks, checksOf };
}

describe('the demo simulator serves every protocol of the demo catalog', () => {
  it('in the normal scenario, every check but the heartbeat passes against it (the heartbeat is pushed to the app)', async () => {
    const { checks } = await startSim('normal');
    const probed = checks.filter((c) => c.kind !== 'heartbeat');
    const observations = await Promise.all(probed.map((c) => runCheck(c, process.env)));
    const failures = observations.filter((o) => !o.ok).map((o) => ({ check: probed.find((c) => c.id === o.checkId)?.kind, o }));
    expect(failures).toEqual([]);
    expect(new Set(probed.map((c) => c.kind))).toEqual(new Set(['http', 'tcp', 'hl7-mllp', 'fhir', 'dicom-echo', 'dns', 'tls']));
  });

  it('pushes heartbeats to the app with the key it put in the env, once the app listens, and stops on stop()', async () => {
    const posts: string[] = [];
    const app: Server = createServer((req, res) => {
      posts.push(`${req.method} ${req.url}`);
      req.resume();
      req.on('end', () => res.writeHead(204).end());
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    running.push({ stop: () => new Promise<void>((resolve) => app.close(() => resolve())) });
    const { sim, checksOf } = await startSim('normal', { interval: '1s' });
    expect(checksOf(PROTOCOL_SYSTEMS.heartbeat, 'heartbeat')).toMatchObject({ keyEnv: DEMO_HEARTBEAT_KEY_ENV });
    const key = process.env[DEMO_HEARTBEAT_KEY_ENV];
    expect(key).toMatch(/^[\w-]{16,}$/);
    await sim.appListening(`http://127.0.0.1:${(app.address() as AddressInfo).port}`);
    expect(posts).toEqual([`POST /api/heartbeats/${key}`]); // the first push is awaited
    await new Promise((r) => setTimeout(r, 1400));
    expect(posts.length).toBeGreaterThanOrEqual(2);
    await sim.stop();
    const after = posts.length;
    await new Promise((r) => setTimeout(r, 1200));
    expect(posts.length).toBe(after);
  });

  it('stop() closes the protocol servers: their ports refuse afterwards', async () => {
    const { sim, checks } = await startSim('normal');
    const ports = checks.flatMap((c) => (c.kind === 'hl7-mllp' || c.kind === 'dicom-echo' || c.kind === 'tls' ? [c.port] : []));
    expect(ports).toHaveLength(3);
    expect(await Promise.all(ports.map(connect))).toEqual(ports.map(() => 'open'));
    await sim.stop();
    expect(await Promise.all(ports.map(connect))).toEqual(ports.map(() => 'ECONNREFUSED'));
  });

  it('lab-down: once Synlab stops answering, its HL7 MLLP feed fails too', async () => {
    const { checksOf } = await startSim('lab-down', { timeFactor: 120, interval: '1s' });
    const mllp = checksOf(PROTOCOL_SYSTEMS.mllp, 'hl7-mllp');
    expect((await runCheck(mllp, process.env)).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 700)); // +1m simulated at 120× is 500 ms
    const obs = await runCheck(mllp, process.env);
    expect(obs.ok).toBe(false);
  });

  it('partners-down: the eHealth platform TLS endpoint fails with it', async () => {
    const { checksOf } = await startSim('partners-down', { timeFactor: 120, interval: '1s' });
    const tls = checksOf(PROTOCOL_SYSTEMS.tls, 'tls');
    expect((await runCheck(tls, process.env)).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 700));
    expect((await runCheck(tls, process.env)).ok).toBe(false);
  });

  it('perimeter-ddos at 07:30: DICOM echo and FHIR fail, internal DNS keeps answering', async () => {
    const { checksOf } = await startSim('perimeter-ddos', { startAt: '07:31', interval: '1s' });
    const [dicom, fhir, dns] = await Promise.all([
      runCheck(checksOf(PROTOCOL_SYSTEMS.dicom, 'dicom-echo'), process.env),
      runCheck(checksOf(PROTOCOL_SYSTEMS.fhir, 'fhir'), process.env),
      runCheck(checksOf(PROTOCOL_SYSTEMS.dns, 'dns'), process.env),
    ]);
    expect(dicom.ok).toBe(false);
    expect(fhir.ok).toBe(false);
    expect(dns.ok).toBe(true);
  });

  it('perimeter-ddos at 07:20: slow protocol answers are late but still succeed', async () => {
    const { checksOf } = await startSim('perimeter-ddos', { startAt: '07:21', interval: '1s' });
    const mllp = await runCheck(checksOf(PROTOCOL_SYSTEMS.mllp, 'hl7-mllp'), process.env);
    expect(mllp.ok).toBe(true);
    expect(mllp.durationMs).toBeGreaterThan(200); // above degradedAboveMs at 1s
  });
});

describe('DnsSystem', () => {
  it.each([
    ['unavailable', false],
    ['reset', false],
    ['healthy', true],
  ] as const)('when %s, a lookup ok=%s', async (behaviour: Behaviour, ok: boolean) => {
    const dns = new DnsSystem('internal-dns', { behaviourOf: () => behaviour, slowDelayMs: () => 10 });
    running.push({ stop: () => dns.close() });
    const port = await dns.listen();
    const check = {
      kind: 'dns',
      id: 'dns-1',
      integrationId: 'internal-dns',
      name: 'ehr.uzgent.demo.invalid',
      type: 'A',
      server: `127.0.0.1:${port}`,
      expect: '127.0.0.1',
      interval: 5000,
      timeout: 1000,
      failuresToDown: 2,
      successesToRecover: 2,
    } as unknown as ResolvedCheck;
    expect((await runCheck(check, {})).ok).toBe(ok);
  });
});

describe('hl7Ack', () => {
  it('acknowledges with AA and the message control id', () => {
    const ack = hl7Ack('MSH|^~\\&|LIFELINE|LIFELINE|||20260101000000||NMD^N02^NMD_N02|CTRL42|T|2.5\rNCK|20260101000000\r', 'synlab-results');
    expect(ack.split('\r')[1]).toMatch(/^MSA\|AA\|CTRL42\|/);
  });
});
