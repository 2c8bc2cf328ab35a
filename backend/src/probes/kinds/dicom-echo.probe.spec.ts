import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { ResolvedCheck } from '@lifeline/shared';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HAS_DCMTK, LOOPBACK_SHIM, startDcmtk, type DcmtkPeer } from '../../../test/support/dcmtk-peer.js';
import { startDimsePeer, type DimsePeer } from '../../../test/support/dimse-peer.js';
import { FaultProxy } from '../../../test/support/fault-proxy.js';
import { freePort } from '../../../test/support/free-port.js';
import { resolvedCheck, runProbe, watchUnhandled } from '../../../test/support/probe-harness.js';
import { runCheck } from '../probe-runner.js';
import { dicomEchoProbe } from './dicom-echo.probe.js';

const GRACE_MS = 250; // the runner's abort grace
const SLACK_MS = 250; // scheduling noise on a busy test machine
const CALLED_AE_REJECTED = 'association rejected (permanent, service user): called AE title not recognized';

let peer: DimsePeer;
let proxy: FaultProxy;
let watch: ReturnType<typeof watchUnhandled>;

const check = (port: number, fields: Record<string, unknown> = {}, timeoutMs = 3000) =>
  resolvedCheck('dicom-echo', { host: '127.0.0.1', port, calledAe: 'PACS', ...fields }, timeoutMs);
const probe = async (port: number, fields: Record<string, unknown> = {}, timeoutMs = 3000) => (await runProbe(dicomEchoProbe, check(port, fields, timeoutMs))).outcome;

beforeAll(async () => {
  peer = await startDimsePeer('PACS');
  proxy = await FaultProxy.start();
});
beforeEach(() => {
  peer.mode = 'ok';
  watch = watchUnhandled();
});
afterEach(async () => {
  watch.stop();
  expect(watch.errors).toEqual([]);
  await proxy.reset();
});
afterAll(async () => {
  peer?.stop();
  await proxy?.stop();
});

describe('dicom-echo probe against dcmjs-dimse', () => {
  it('healthy: C-ECHO succeeds, from the default calling AE title LIFELINE', async () => {
    expect(await probe(peer.port)).toEqual({ ok: true, facts: { echoStatus: '0x0000' } });
  });

  it('a called AE title the peer does not know is a rejected association, with the reason', async () => {
    expect(await probe(peer.port, { calledAe: 'NOT-PACS' })).toMatchObject({ ok: false, stage: 'connect', errorClass: 'protocol', message: CALLED_AE_REJECTED });
  });

  it('a transient rejection says so', async () => {
    peer.mode = 'congested';
    expect(await probe(peer.port)).toMatchObject({
      ok: false,
      errorClass: 'protocol',
      message: 'association rejected (transient, service provider (presentation)): temporary congestion',
    });
  });

  it('a C-ECHO status other than success is an assertion failure', async () => {
    peer.mode = 'echo-fails';
    expect(await probe(peer.port)).toMatchObject({ ok: false, errorClass: 'assertion', message: 'C-ECHO status 0x0110, expected 0x0000 (success)', facts: { echoStatus: '0x0110' } });
  });

  it('an SCP that refuses the Verification service is an assertion failure', async () => {
    peer.mode = 'no-verification';
    expect(await probe(peer.port)).toMatchObject({ ok: false, errorClass: 'assertion', message: expect.stringMatching(/not the Verification service/) });
  });

  it('an SCP that never answers the association is a timeout, on time', async () => {
    peer.mode = 'silent';
    const { outcome, ms } = await runProbe(dicomEchoProbe, check(peer.port, {}, 800));
    expect(outcome).toMatchObject({ ok: false, stage: 'response', errorClass: 'timeout', message: 'no association answer within 800 ms' });
    expect(ms).toBeGreaterThanOrEqual(790);
    expect(ms).toBeLessThan(800 + SLACK_MS);
  });

  it('down: a stopped SCP is connection refused', async () => {
    const gone = await startDimsePeer();
    gone.stop();
    expect(await probe(gone.port)).toMatchObject({ ok: false, stage: 'connect', errorClass: 'refused', message: 'connection refused' });
    expect(await probe(await freePort())).toMatchObject({ ok: false, errorClass: 'refused' });
  });
});

describe('dicom-echo probe through the fault proxy', () => {
  it('slow: a latency toxic shows in the duration and the echo is still ok', async () => {
    const listen = await proxy.create('dicom-latency', peer.port);
    await proxy.addToxic('dicom-latency', { type: 'latency', attributes: { latency: 300, jitter: 0 } });
    const obs = await runCheck(check(listen) as unknown as ResolvedCheck, {});
    expect(obs).toMatchObject({ ok: true });
    expect(obs.durationMs).toBeGreaterThanOrEqual(600); // associate + echo (+ release): each answer delayed
  });

  it('blackhole: a timeout toxic is a timeout within timeout + grace', async () => {
    const listen = await proxy.create('dicom-blackhole', peer.port);
    await proxy.addToxic('dicom-blackhole', { type: 'timeout', attributes: { timeout: 0 } });
    const obs = await runCheck(check(listen, {}, 800) as unknown as ResolvedCheck, {});
    expect(obs).toMatchObject({ ok: false, failure: { errorClass: 'timeout' } });
    expect(obs.durationMs).toBeGreaterThanOrEqual(790);
    expect(obs.durationMs).toBeLessThan(800 + GRACE_MS + SLACK_MS);
  });
});

describe('dicom-echo probe against misbehaving peers', () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((srv) => srv.close()));
  const raw = async (onData: (socket: Socket) => void) => {
    const srv = createServer((socket) => {
      socket.on('error', () => undefined);
      socket.once('data', () => onData(socket));
    });
    servers.push(srv);
    await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
    return (srv.address() as AddressInfo).port;
  };

  it('an HTTP answer to an association request is a protocol failure, nothing unhandled', async () => {
    const port = await raw((s) => s.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    expect(await probe(port, {}, 1500)).toMatchObject({ ok: false, errorClass: 'protocol', message: 'not a DICOM answer (unknown PDU type 0x48)' });
  });

  it('a PDU that announces 2 GiB is cut off as too-large', async () => {
    const port = await raw((s) => {
      s.write(Buffer.from([0x02, 0x00, 0x7f, 0xff, 0xff, 0xff])); // A-ASSOCIATE-AC, length 2^31 - 1
      const zeros = Buffer.alloc(64 * 1024);
      const pump = () => {
        while (!s.destroyed && s.write(zeros));
        if (!s.destroyed) s.once('drain', pump);
      };
      pump();
    });
    const { outcome, ms } = await runProbe(dicomEchoProbe, check(port, {}, 3000));
    expect(outcome).toMatchObject({ ok: false, stage: 'response', errorClass: 'too-large' });
    expect(ms).toBeLessThan(3000);
  });
});

/** Why the dcmtk tests cannot run here, if they cannot; each skipped test says it in its name. */
const DCMTK_SKIP = !HAS_DCMTK ? 'skipped: dcmtk not installed' : !LOOPBACK_SHIM ? 'skipped: no C compiler to pin dcmtk to 127.0.0.1' : undefined;
const dcmtkIt = (name: string, fn: () => Promise<void>) => it.skipIf(DCMTK_SKIP !== undefined)(DCMTK_SKIP ? `${name} (${DCMTK_SKIP})` : name, fn);

describe('dicom-echo probe against dcmtk (storescp, dcmqrscp)', () => {
  const started: DcmtkPeer[] = [];
  const start = async (...args: Parameters<typeof startDcmtk>) => {
    const p = await startDcmtk(...args);
    started.push(p);
    return p;
  };
  afterAll(() => Promise.all(started.map((p) => p.stop())));

  dcmtkIt('storescp answers C-ECHO for any called AE title', async () => {
    const store = await start('storescp', 'STORESCP');
    expect(await probe(store.port, { calledAe: 'ANYTHING' })).toEqual({ ok: true, facts: { echoStatus: '0x0000' } });
  });

  dcmtkIt('storescp --refuse rejects the association, and the probe says why', async () => {
    const refuse = await start('storescp-refuse', 'REFUSER');
    expect(await probe(refuse.port)).toMatchObject({
      ok: false,
      stage: 'connect',
      errorClass: 'protocol',
      message: 'association rejected (permanent, service user): no reason given',
    });
  });

  dcmtkIt('dcmqrscp answers for its own AE title and rejects another; through the proxy it is slower but ok', async () => {
    const pacs = await start('dcmqrscp', 'PACS');
    expect(await probe(pacs.port, { calledAe: 'PACS', callingAe: 'LIFELINE' })).toMatchObject({ ok: true });
    expect(await probe(pacs.port, { calledAe: 'WRONG' })).toMatchObject({ ok: false, errorClass: 'protocol', message: CALLED_AE_REJECTED });
    const listen = await proxy.create('dcmqrscp-latency', pacs.port);
    await proxy.addToxic('dcmqrscp-latency', { type: 'latency', attributes: { latency: 300, jitter: 0 } });
    const obs = await runCheck(check(listen) as unknown as ResolvedCheck, {});
    expect(obs).toMatchObject({ ok: true });
    expect(obs.durationMs).toBeGreaterThanOrEqual(600);
  });
});
