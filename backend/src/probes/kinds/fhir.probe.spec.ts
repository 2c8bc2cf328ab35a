import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ResolvedCheck } from '@lifeline/shared';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FaultProxy } from '../../../test/support/fault-proxy.js';
import { startFhirPeer, type FhirPeer } from '../../../test/support/fhir-peer.js';
import { resolvedCheck, runProbe, watchUnhandled } from '../../../test/support/probe-harness.js';
import { runCheck } from '../probe-runner.js';
import { FHIR_MAX_BODY_BYTES, fhirProbe } from './fhir.probe.js';

const GRACE_MS = 250; // the runner's abort grace
const SLACK_MS = 250; // scheduling noise on a busy test machine

let peer: FhirPeer;
let proxy: FaultProxy;
let watch: ReturnType<typeof watchUnhandled>;

const check = (fields: Record<string, unknown> = {}, timeoutMs = 3000) => resolvedCheck('fhir', { baseUrl: peer.baseUrl, ...fields }, timeoutMs);
const probe = async (fields: Record<string, unknown> = {}, timeoutMs = 3000) => (await runProbe(fhirProbe, check(fields, timeoutMs))).outcome;

beforeAll(async () => {
  peer = await startFhirPeer();
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
  await peer?.stop();
  await proxy?.stop();
});

describe('fhir probe against node-fhir-server-core', () => {
  it('healthy: an R4 CapabilityStatement with the required resources, and a resource read', async () => {
    const outcome = await probe({
      fhirVersion: '4.0',
      requireResources: ['Patient', { type: 'Patient', interactions: ['read', 'search-type'] }],
      readResource: 'Patient/example',
    });
    expect(outcome).toMatchObject({ ok: true, facts: { httpStatus: 200, fhirVersion: '4.0.0', readStatus: 200 } });
  });

  it('a base URL with the version path and a trailing slash works too', async () => {
    expect(await probe({ baseUrl: `${peer.baseUrl}/4_0_0/` })).toMatchObject({ ok: true });
  });

  it.each([
    [{ fhirVersion: '3.0' }, 'FHIR version 4.0.0, expected 3.0'],
    [{ fhirVersion: '4.0.1' }, 'FHIR version 4.0.0, expected 4.0.1'],
    [{ requireResources: ['Observation'] }, 'CapabilityStatement does not list Observation'],
    [{ requireResources: [{ type: 'Patient', interactions: ['read', 'create', 'delete'] }] }, 'Patient does not support create, delete'],
  ])('wrong answer: %j is an assertion failure', async (fields, message) => {
    expect(await probe(fields)).toMatchObject({ ok: false, stage: 'assert', errorClass: 'assertion', message });
  });

  it('a resource that is not there is an http-status failure with the server\'s words', async () => {
    const outcome = await probe({ readResource: 'Patient/unknown' });
    expect(outcome).toMatchObject({ ok: false, errorClass: 'http-status', facts: { httpStatus: 200, readStatus: 404 } });
    expect(outcome.ok || outcome.message).toMatch(/^HTTP 404 for Patient\/unknown/);
  });

  it('a server error is http-status, quoting its OperationOutcome', async () => {
    peer.mode = 'error';
    expect(await probe()).toMatchObject({ ok: false, errorClass: 'http-status', message: 'HTTP 500 for /metadata: test peer fails on purpose' });
  });

  it('an HTML maintenance page is not a CapabilityStatement', async () => {
    peer.mode = 'wrong';
    expect(await probe()).toMatchObject({ ok: false, errorClass: 'assertion', message: 'not a FHIR CapabilityStatement (text/html)' });
  });

  it('another resource in place of the CapabilityStatement is an assertion failure', async () => {
    peer.mode = 'not-capability';
    expect(await probe()).toMatchObject({ ok: false, errorClass: 'assertion', message: 'not a FHIR CapabilityStatement (resourceType Patient)' });
  });

  it('a hung server is a timeout within the check timeout', async () => {
    peer.mode = 'hang';
    const { outcome, ms } = await runProbe(fhirProbe, check({}, 800));
    expect(outcome).toMatchObject({ ok: false, stage: 'response', errorClass: 'timeout', message: 'no complete answer within 800 ms' });
    expect(ms).toBeGreaterThanOrEqual(790);
    expect(ms).toBeLessThan(800 + SLACK_MS);
  });

  it('down: a stopped server is connection refused', async () => {
    const gone = await startFhirPeer();
    await gone.stop();
    expect(await probe({ baseUrl: gone.baseUrl })).toMatchObject({ ok: false, stage: 'connect', errorClass: 'refused' });
  });

  it('a missing caFile is our configuration problem, said plainly', async () => {
    expect(await probe({ caFile: '/nonexistent/ca.pem' })).toMatchObject({ ok: false, errorClass: 'internal', message: 'caFile /nonexistent/ca.pem does not exist' });
  });

  it('a CapabilityStatement past the size cap is too-large, read no further', async () => {
    const big: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/fhir+json' });
      res.write('{"resourceType":"CapabilityStatement","padding":"');
      res.end(`${'x'.repeat(FHIR_MAX_BODY_BYTES)}"}`);
    });
    await new Promise<void>((resolve) => big.listen(0, '127.0.0.1', resolve));
    try {
      const outcome = await probe({ baseUrl: `http://127.0.0.1:${(big.address() as AddressInfo).port}` });
      expect(outcome).toMatchObject({ ok: false, errorClass: 'too-large' });
    } finally {
      big.closeAllConnections();
      big.close();
    }
  });
});

describe('fhir probe through the fault proxy', () => {
  it('slow: a latency toxic shows in the duration and the answer is still ok', async () => {
    const listen = await proxy.create('fhir-latency', peer.port);
    await proxy.addToxic('fhir-latency', { type: 'latency', attributes: { latency: 400, jitter: 0 } });
    const obs = await runCheck(check({ baseUrl: `http://127.0.0.1:${listen}`, readResource: 'Patient/example' }) as unknown as ResolvedCheck, {});
    expect(obs).toMatchObject({ ok: true, facts: { httpStatus: 200, readStatus: 200 } });
    expect(obs.durationMs).toBeGreaterThanOrEqual(800); // two requests, each answer delayed
  });

  it('blackhole: a timeout toxic is a timeout within timeout + grace', async () => {
    const listen = await proxy.create('fhir-blackhole', peer.port);
    await proxy.addToxic('fhir-blackhole', { type: 'timeout', attributes: { timeout: 0 } });
    const obs = await runCheck(check({ baseUrl: `http://127.0.0.1:${listen}` }, 800) as unknown as ResolvedCheck, {});
    expect(obs).toMatchObject({ ok: false, failure: { errorClass: 'timeout' } });
    expect(obs.durationMs).toBeGreaterThanOrEqual(790);
    expect(obs.durationMs).toBeLessThan(800 + GRACE_MS + SLACK_MS);
  });
});
