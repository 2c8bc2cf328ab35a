import { connect } from 'node:net';
import type { ResolvedCheck } from '@lifeline/shared';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FaultProxy } from '../../../test/support/fault-proxy.js';
import { freePort } from '../../../test/support/free-port.js';
import { startHl7Peer, type Hl7Peer } from '../../../test/support/hl7-peer.js';
import { resolvedCheck, runProbe, watchUnhandled } from '../../../test/support/probe-harness.js';
import { runCheck } from '../probe-runner.js';
import { hl7MllpProbe } from './hl7-mllp.probe.js';

const GRACE_MS = 250; // the runner's abort grace
const SLACK_MS = 250; // scheduling noise on a busy test machine

let peer: Hl7Peer;
let proxy: FaultProxy;
let watch: ReturnType<typeof watchUnhandled>;

const check = (fields: Record<string, unknown> = {}, timeoutMs = 2000, port = peer.port) =>
  resolvedCheck('hl7-mllp', { host: '127.0.0.1', port, ...fields }, timeoutMs);
const probe = (fields: Record<string, unknown> = {}, timeoutMs = 2000, port = peer.port) => runProbe(hl7MllpProbe, check(fields, timeoutMs, port));

beforeAll(async () => {
  peer = await startHl7Peer();
  proxy = await FaultProxy.start();
});
beforeEach(() => {
  peer.mode = 'AA';
  watch = watchUnhandled();
});
afterEach(async () => {
  watch.stop();
  expect(watch.errors).toEqual([]);
  await proxy.reset();
});
afterAll(async () => {
  await peer?.stop();
  await proxy?.stop();
});

describe('hl7-mllp probe against simple-hl7', () => {
  it('healthy: an AA that echoes our control id is ok, with the ACK code as a fact', async () => {
    const { outcome } = await probe({ expectAck: 'AA' });
    expect(outcome).toEqual({ ok: true, facts: { ackCode: 'AA' } });
    expect(peer.received.at(-1)).toMatch(/^LL[0-9A-Z]{10,18}$/);
  });

  it('sends a fresh control id every run, also in a configured message', async () => {
    const message = 'MSH|^~\\&|LIFELINE|UZG|LAB|LABFAC|20240101000000||NMD^N02|FIXED-ID|T|2.5\nNCK|20240101000000';
    await probe({ message });
    await probe({ message });
    const [a, b] = peer.received.slice(-2);
    expect(a).not.toBe('FIXED-ID');
    expect(a).not.toBe(b);
  });

  it('expectAck any: a NAK is still a well-formed ACK, reported as a fact', async () => {
    peer.mode = 'AE';
    expect((await probe()).outcome).toEqual({ ok: true, facts: { ackCode: 'AE' } });
  });

  it.each(['AE', 'AR'] as const)('expectAck AA: %s is a NAK with the ERR text', async (code) => {
    peer.mode = code;
    const { outcome } = await probe({ expectAck: 'AA' });
    expect(outcome).toMatchObject({ ok: false, errorClass: 'nak', message: `NAK ${code}: test peer says ${code}`, facts: { ackCode: code } });
  });

  it('an ACK for another control id is a protocol failure that names it', async () => {
    peer.mode = 'wrong-id';
    const { outcome } = await probe();
    expect(outcome).toMatchObject({ ok: false, errorClass: 'protocol' });
    expect(outcome.ok || outcome.message).toMatch(/^ACK for another message \(control id SOMEONE-ELSE-42, sent LL/);
  });

  it('a framed non-HL7 reply is a protocol failure', async () => {
    peer.mode = 'garbage';
    const { outcome } = await probe();
    expect(outcome).toMatchObject({ ok: false, errorClass: 'protocol', message: 'reply is not HL7 v2 (starts with "HTTP/1.1 502 Bad Gateway....")' });
  });

  it('silence is a timeout within the check timeout', async () => {
    peer.mode = 'silent';
    const { outcome, ms } = await probe({}, 800);
    expect(outcome).toMatchObject({ ok: false, stage: 'response', errorClass: 'timeout', message: 'no ACK within 800 ms' });
    expect(ms).toBeGreaterThanOrEqual(790);
    expect(ms).toBeLessThan(800 + SLACK_MS);
  });

  it('a peer that hangs up without answering is a reset', async () => {
    peer.mode = 'close';
    const { outcome } = await probe();
    expect(outcome).toMatchObject({ ok: false, errorClass: 'reset', message: 'connection closed without a reply' });
  });

  it('down: a stopped peer is connection refused', async () => {
    const gone = await startHl7Peer();
    await gone.stop();
    expect((await probe({}, 2000, gone.port)).outcome).toMatchObject({ ok: false, stage: 'connect', errorClass: 'refused' });
    expect((await probe({}, 2000, await freePort())).outcome).toMatchObject({ ok: false, errorClass: 'refused' });
  });
});

describe('hl7-mllp probe through the fault proxy', () => {
  it('slow: a latency toxic shows in the duration and the ACK is still ok', async () => {
    const listen = await proxy.create('mllp-latency', peer.port);
    await proxy.addToxic('mllp-latency', { type: 'latency', attributes: { latency: 400, jitter: 0 } });
    const obs = await runCheck(check({ expectAck: 'AA' }, 3000, listen) as unknown as ResolvedCheck, {});
    expect(obs).toMatchObject({ ok: true, facts: { ackCode: 'AA' } });
    expect(obs.durationMs).toBeGreaterThanOrEqual(400);
  });

  it('blackhole: a timeout toxic is a timeout within timeout + grace', async () => {
    const listen = await proxy.create('mllp-blackhole', peer.port);
    await proxy.addToxic('mllp-blackhole', { type: 'timeout', attributes: { timeout: 0 } });
    const obs = await runCheck(check({}, 800, listen) as unknown as ResolvedCheck, {});
    expect(obs).toMatchObject({ ok: false, failure: { errorClass: 'timeout' } });
    expect(obs.durationMs).toBeGreaterThanOrEqual(790);
    expect(obs.durationMs).toBeLessThan(800 + GRACE_MS + SLACK_MS);
  });

  it('down: a disabled proxy is connection refused', async () => {
    const listen = await proxy.create('mllp-down', peer.port);
    await proxy.setEnabled('mllp-down', false);
    const obs = await runCheck(check({}, 2000, listen) as unknown as ResolvedCheck, {});
    expect(obs).toMatchObject({ ok: false, failure: { stage: 'connect', errorClass: 'refused' } });
  });

  it('a TCP reset is class reset', async () => {
    const listen = await proxy.create('mllp-reset', peer.port);
    await proxy.addToxic('mllp-reset', { type: 'reset_peer', attributes: { timeout: 0 } });
    const obs = await runCheck(check({}, 2000, listen) as unknown as ResolvedCheck, {});
    expect(obs).toMatchObject({ ok: false, failure: { errorClass: 'reset' } });
  });

  it('the guarded simple-hl7 peer survives a client that resets its connection', async () => {
    const errorsBefore = peer.errors.length;
    const socket = connect({ host: '127.0.0.1', port: peer.port });
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('\x0bMSH|^~\\&|X');
    await new Promise((resolve) => setTimeout(resolve, 50)); // let the bytes reach the peer before the RST
    socket.resetAndDestroy();
    await expect.poll(() => peer.errors.length, { timeout: 2000 }).toBeGreaterThan(errorsBefore);
    expect((await probe()).outcome).toMatchObject({ ok: true });
  });
});
