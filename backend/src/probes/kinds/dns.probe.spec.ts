import type { AddressInfo } from 'node:net';
import type { ResolvedCheck } from '@lifeline/shared';
import dns2 from 'dns2';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FaultProxy } from '../../../test/support/fault-proxy.js';
import { freePort } from '../../../test/support/free-port.js';
import { resolvedCheck, runProbe, watchUnhandled } from '../../../test/support/probe-harness.js';
import { runCheck } from '../probe-runner.js';
import { dnsProbe, reverseName } from './dns.probe.js';

const { Packet } = dns2;
const T = Packet.TYPE;

/** The zone the dns2 peer serves (a third-party DNS implementation, in-process on port 0). */
const ZONE: Record<string, Record<string, object[]>> = {
  'fhir.partner.test': { A: [{ address: '127.0.0.1' }] },
  'multi.partner.test': { A: [{ address: '127.0.0.1' }, { address: '127.0.0.3' }] },
  'wrong.partner.test': { A: [{ address: '127.0.0.2' }] },
  'v6.partner.test': { AAAA: [{ address: '::1' }] },
  'fhir-alias.partner.test': { CNAME: [{ domain: 'fhir.partner.test' }] },
  'hospital.test': { MX: [{ exchange: 'mail.hospital.test', priority: 10 }], NS: [{ ns: 'ns1.hospital.test' }] },
  'health.partner.test': { TXT: [{ data: 'peers-kit' }] },
  '_hl7._tcp.lab.partner.test': { SRV: [{ priority: 0, weight: 5, port: 4310, target: 'lab.partner.test' }] },
  '1.0.0.127.in-addr.arpa': { PTR: [{ domain: 'localhost.partner.test' }] },
};

let server: InstanceType<typeof dns2.UDPServer>;
let dnsPort: number;
let proxy: FaultProxy;

beforeAll(async () => {
  server = dns2.createUDPServer((request, send) => {
    const [question] = request.questions;
    const name = question.name.toLowerCase();
    const response = Packet.createResponseFromRequest(request);
    if (name.endsWith('.broken.test')) return; // no answer at all: the client must time out
    if (name === 'servfail.test') {
      response.header.rcode = Packet.RCODE.SERVFAIL;
      return void send(response);
    }
    const records = ZONE[name];
    if (!records) {
      response.header.rcode = Packet.RCODE.NXDOMAIN;
      return void send(response);
    }
    const typeName = Packet.TYPE_NAME[question.type];
    for (const data of records[typeName] ?? []) {
      response.answers.push({ name: question.name, type: question.type, class: Packet.CLASS.IN, ttl: 60, ...data } as never);
    }
    void send(response);
  });
  server.on('requestError', () => undefined);
  await server.listen(0, '127.0.0.1');
  dnsPort = (server.address() as AddressInfo).port;
  proxy = await FaultProxy.start();
});
afterEach(() => proxy.reset());
afterAll(async () => {
  server.close();
  await proxy.stop();
});

const check = (fields: Record<string, unknown>, timeoutMs = 2000) => resolvedCheck('dns', { server: `127.0.0.1:${dnsPort}`, ...fields }, timeoutMs);

describe('dns probe against a dns2 server', () => {
  it.each([
    ['A', 'fhir.partner.test', '127.0.0.1', '127.0.0.1'],
    ['A', 'multi.partner.test', ['127.0.0.3', '127.0.0.1'], '127.0.0.1, 127.0.0.3'],
    ['AAAA', 'v6.partner.test', '::1', '::1'],
    ['CNAME', 'fhir-alias.partner.test', 'FHIR.partner.test.', 'fhir.partner.test'],
    ['MX', 'hospital.test', 'mail.hospital.test', '10 mail.hospital.test'],
    ['MX', 'hospital.test', '10 mail.hospital.test', '10 mail.hospital.test'],
    ['NS', 'hospital.test', 'ns1.hospital.test', 'ns1.hospital.test'],
    ['TXT', 'health.partner.test', 'peers-kit', 'peers-kit'],
    ['SRV', '_hl7._tcp.lab.partner.test', 'lab.partner.test:4310', '0 5 4310 lab.partner.test'],
    ['PTR', '127.0.0.1', 'localhost.partner.test', 'localhost.partner.test'],
    ['PTR', '1.0.0.127.in-addr.arpa', undefined, 'localhost.partner.test'],
  ])('%s %s answers and matches %j', async (type, name, expected, answers) => {
    const { outcome } = await runProbe(dnsProbe, check({ type, name, ...(expected !== undefined ? { expect: expected } : {}) }));
    expect(outcome).toMatchObject({ ok: true, facts: { answers } });
  });

  it('type defaults to A and expect is optional', async () => {
    const { outcome } = await runProbe(dnsProbe, check({ name: 'fhir.partner.test' }));
    expect(outcome).toEqual({ ok: true, facts: { answers: '127.0.0.1', answerCount: 1 } });
  });

  it('a wrong answer is an assertion: got X, expected Y', async () => {
    const { outcome } = await runProbe(dnsProbe, check({ name: 'wrong.partner.test', expect: '127.0.0.1' }));
    expect(outcome).toMatchObject({ ok: false, stage: 'assert', errorClass: 'assertion', message: 'got 127.0.0.2, expected 127.0.0.1', facts: { answers: '127.0.0.2' } });
  });

  it('NXDOMAIN is dns: name not found', async () => {
    const { outcome } = await runProbe(dnsProbe, check({ name: 'nothing.partner.test' }));
    expect(outcome).toMatchObject({ ok: false, stage: 'dns', errorClass: 'dns', message: expect.stringContaining('name not found') });
  });

  it('a name without records of the type is dns: no such record', async () => {
    const { outcome } = await runProbe(dnsProbe, check({ name: 'fhir.partner.test', type: 'MX' }));
    expect(outcome).toMatchObject({ ok: false, errorClass: 'dns', message: 'fhir.partner.test has no MX record' });
  });

  it('SERVFAIL is dns', async () => {
    const { outcome } = await runProbe(dnsProbe, check({ name: 'servfail.test' }));
    expect(outcome).toMatchObject({ ok: false, errorClass: 'dns', message: expect.stringContaining('SERVFAIL') });
  });

  it('no answer at all is a timeout within timeout + grace, through the runner', async () => {
    const watch = watchUnhandled();
    const obs = await runCheck(check({ name: 'x.broken.test' }, 800) as unknown as ResolvedCheck, {});
    watch.stop();
    expect(obs).toMatchObject({ ok: false, failure: { stage: 'dns', errorClass: 'timeout' } });
    expect(obs.durationMs).toBeLessThan(800 + 250 + 200);
    expect(watch.errors).toEqual([]);
  });

  it('the probe itself stops at the abort (cancel), well before c-ares would give up', async () => {
    const { outcome, ms } = await runProbe(dnsProbe, check({ name: 'y.broken.test' }, 600));
    expect(outcome).toMatchObject({ ok: false, errorClass: 'timeout' });
    expect(ms).toBeLessThan(600 + 150);
  });

  it('a closed server port is refused', async () => {
    const { outcome } = await runProbe(dnsProbe, resolvedCheck('dns', { name: 'fhir.partner.test', server: `127.0.0.1:${await freePort()}` }, 2000));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(['refused', 'timeout']).toContain(outcome.errorClass);
  });
});

describe('reverseName', () => {
  it.each([
    ['127.0.0.1', '1.0.0.127.in-addr.arpa'],
    ['::1', `1.${'0.'.repeat(31)}ip6.arpa`],
    ['2001:db8::567:89ab', 'b.a.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa'],
  ])('%s → %s', (ip, name) => expect(reverseName(ip)).toBe(name));
});

describe('dns probe through the fault proxy (UDP)', () => {
  it('a latency toxic shows in the duration', async () => {
    const listen = await proxy.create('dns-latency', dnsPort, 'udp');
    await proxy.addToxic('dns-latency', { type: 'latency', attributes: { latency: 300, jitter: 0 } });
    const obs = await runCheck(resolvedCheck('dns', { name: 'fhir.partner.test', server: `127.0.0.1:${listen}`, expect: '127.0.0.1' }, 2000) as unknown as ResolvedCheck, {});
    expect(obs).toMatchObject({ ok: true, facts: { answers: '127.0.0.1' } });
    expect(obs.durationMs).toBeGreaterThanOrEqual(300);
  });

  it('a timeout toxic (datagrams swallowed) is a timeout', async () => {
    const listen = await proxy.create('dns-blackhole', dnsPort, 'udp');
    await proxy.addToxic('dns-blackhole', { type: 'timeout', attributes: { timeout: 0 } });
    const obs = await runCheck(resolvedCheck('dns', { name: 'fhir.partner.test', server: `127.0.0.1:${listen}` }, 800) as unknown as ResolvedCheck, {});
    expect(obs).toMatchObject({ ok: false, failure: { errorClass: 'timeout' } });
    expect(obs.durationMs).toBeLessThan(800 + 250 + 200);
  });
});
