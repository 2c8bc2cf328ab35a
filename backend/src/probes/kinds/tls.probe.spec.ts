import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import { createServer, type Server } from 'node:tls';
import { join } from 'node:path';
import type { ResolvedCheck } from '@lifeline/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../test/support/free-port.js';
import { resolvedCheck, runProbe, watchUnhandled } from '../../../test/support/probe-harness.js';
import { days, TestPki, type IssuedCert } from '../../../test/support/test-pki.js';
import { runCheck } from '../probe-runner.js';
import { tlsProbe } from './tls.probe.js';

const NAME = 'insurer.partner.test';
let pki: TestPki;
const servers: (Server | TcpServer)[] = [];
const sockets = new Set<Socket>();

/** A real Node TLS server presenting `cert`; answers nothing, the handshake is all that matters. */
async function tlsServer(cert: IssuedCert): Promise<number> {
  const srv = createServer({ cert: cert.cert, key: cert.key }, (s) => s.end());
  srv.on('tlsClientError', () => undefined);
  servers.push(srv);
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  return (srv.address() as AddressInfo).port;
}

/** A TCP server that accepts and then does `onConnection` (nothing, or speaks plain text). */
async function tcpServer(onConnection: (s: Socket) => void): Promise<number> {
  const srv = createTcpServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
    onConnection(s);
  });
  servers.push(srv);
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  return (srv.address() as AddressInfo).port;
}

const issue = (file: string, opts: Partial<Parameters<TestPki['issue']>[1]> = {}) => pki.issue(file, { cn: NAME, dns: [NAME], ...opts });
const check = (port: number, fields: Record<string, unknown> = {}, timeoutMs = 2000) =>
  resolvedCheck('tls', { host: '127.0.0.1', port, servername: NAME, caFile: pki.caFile, ...fields }, timeoutMs);

beforeAll(async () => {
  pki = await TestPki.create();
});
afterAll(() => {
  for (const s of sockets) s.destroy();
  for (const s of servers) s.close();
  pki.remove();
});

describe('tls probe: certificate lifetime', () => {
  it('a certificate valid for 90 days is ok, with its facts', async () => {
    const port = await tlsServer(await issue('valid90', { notAfter: days(90) }));
    const { outcome } = await runProbe(tlsProbe, check(port));
    expect(outcome).toEqual({
      ok: true,
      facts: { daysLeft: 89, subject: NAME, issuer: 'Lifeline Test CA', validTo: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
    });
  });

  it('a certificate valid for 5 more days is ok with a warning (warnDays 14)', async () => {
    const port = await tlsServer(await issue('valid5', { notAfter: new Date(days(5).getTime() + 3_600_000) }));
    const { outcome } = await runProbe(tlsProbe, check(port));
    expect(outcome).toMatchObject({ ok: true, facts: { daysLeft: 5 }, warning: expect.stringMatching(/^certificate expires in 5 days, on \d{4}-\d\d-\d\d \d\d:\d\d UTC/) });
    const relaxed = await runProbe(tlsProbe, check(port, { warnDays: 3 }));
    expect(relaxed.outcome).toMatchObject({ ok: true });
    expect(relaxed.outcome.ok && relaxed.outcome.warning).toBeFalsy();
  });

  it('the runner passes the warning on to the observation', async () => {
    const port = await tlsServer(await issue('valid5b', { notAfter: new Date(days(5).getTime() + 3_600_000) }));
    const obs = await runCheck(check(port) as unknown as ResolvedCheck, {});
    expect(obs).toMatchObject({ ok: true, warning: expect.stringContaining('expires in 5 days'), facts: { daysLeft: 5 } });
  });

  it('an expired certificate is down: tls, with the expiry date', async () => {
    const expired = await issue('expired', { notBefore: new Date('2024-01-01T00:00:00Z'), notAfter: new Date('2024-02-01T00:00:00Z') });
    const { outcome } = await runProbe(tlsProbe, check(await tlsServer(expired)));
    expect(outcome).toMatchObject({ ok: false, stage: 'tls', errorClass: 'tls', message: expect.stringMatching(/^certificate expired on 2024-02-01 00:00 UTC \(\d+ days ago\)$/) });
    expect(outcome.facts).toMatchObject({ validTo: '2024-02-01T00:00:00.000Z' });
  });

  it('a certificate not valid yet is down: tls, with both dates', async () => {
    const future = await issue('future', { notBefore: days(2), notAfter: days(100) });
    const { outcome } = await runProbe(tlsProbe, check(await tlsServer(future)));
    expect(outcome).toMatchObject({ ok: false, errorClass: 'tls', message: expect.stringMatching(/^certificate not valid yet: valid from .* UTC \(expires .* UTC\)$/) });
  });
});

describe('tls probe: trust and name', () => {
  it('a self-signed certificate is not trusted: tls, with the expiry date', async () => {
    const self = await issue('self', { signer: 'self' });
    const { outcome } = await runProbe(tlsProbe, check(await tlsServer(self)));
    expect(outcome).toMatchObject({ ok: false, errorClass: 'tls', message: expect.stringMatching(/^self-signed certificate, not trusted, .*expires \d{4}-/) });
  });

  it('a certificate from an unknown CA (no caFile: system roots) is not trusted', async () => {
    const port = await tlsServer(await issue('private'));
    const { outcome } = await runProbe(tlsProbe, check(port, { caFile: undefined }));
    expect(outcome).toMatchObject({ ok: false, errorClass: 'tls', message: expect.stringContaining('unknown CA') });
  });

  it('a certificate for another host name is down: tls, naming both names and the expiry', async () => {
    const wrong = await issue('wronghost', { cn: 'wrong.partner.test', dns: ['wrong.partner.test'] });
    const { outcome } = await runProbe(tlsProbe, check(await tlsServer(wrong)));
    expect(outcome).toMatchObject({
      ok: false,
      errorClass: 'tls',
      message: expect.stringMatching(/^hostname mismatch: the certificate is for DNS:wrong\.partner\.test, not insurer\.partner\.test \(expires .*\)$/),
    });
  });

  it('without servername an IP host is checked against the IP names of the certificate', async () => {
    const port = await tlsServer(await issue('byip', { ips: ['127.0.0.1'] }));
    expect((await runProbe(tlsProbe, check(port, { servername: undefined }))).outcome).toMatchObject({ ok: true });
    const named = await tlsServer(await issue('byname'));
    expect((await runProbe(tlsProbe, check(named, { servername: undefined }))).outcome).toMatchObject({ ok: false, message: expect.stringContaining('not 127.0.0.1') });
  });

  it('a missing caFile is a clear failure, not a crash', async () => {
    const missing = join(pki.dir, 'missing.crt');
    const { outcome } = await runProbe(tlsProbe, check(1, { caFile: missing }));
    expect(outcome).toMatchObject({ ok: false, errorClass: 'internal', message: `caFile ${missing} does not exist` });
  });
});

describe('tls probe: network failures', () => {
  it('a server that accepts but never handshakes is a timeout; no unhandled errors', async () => {
    const port = await tcpServer(() => undefined);
    const watch = watchUnhandled();
    const { outcome, ms } = await runProbe(tlsProbe, check(port, {}, 600));
    watch.stop();
    expect(outcome).toMatchObject({ ok: false, stage: 'tls', errorClass: 'timeout' });
    expect(ms).toBeLessThan(600 + 150);
    expect(watch.errors).toEqual([]);
  });

  it('a server that speaks plain text is a tls failure', async () => {
    const port = await tcpServer((s) => s.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    const { outcome } = await runProbe(tlsProbe, check(port));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(['tls', 'reset']).toContain(outcome.errorClass);
  });

  it('a closed port is refused', async () => {
    const { outcome } = await runProbe(tlsProbe, check(await freePort()));
    expect(outcome).toMatchObject({ ok: false, stage: 'connect', errorClass: 'refused' });
  });
});
