import { createServer, type Server, type ServerOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvedCheck, runProbe } from '../../../test/support/probe-harness.js';
import { days, TestPki, type IssuedCert } from '../../../test/support/test-pki.js';
import { httpProbe } from './http.probe.js';

const PASSPHRASE = 'key-passphrase-do-not-show';

let pki: TestPki;
const servers: Server[] = [];
let good: IssuedCert;
let client: IssuedCert;
let encryptedClient: IssuedCert;

/** A real Node HTTPS server on a free loopback port with the given certificate. */
async function httpsServer(cert: IssuedCert, extra: ServerOptions = {}): Promise<string> {
  const srv = createServer({ cert: cert.cert, key: cert.key, ...extra }, (req, res) => {
    const peer = (req.socket as import('node:tls').TLSSocket).getPeerCertificate?.();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', client: peer?.subject?.CN ?? null }));
  });
  srv.on('tlsClientError', () => undefined);
  servers.push(srv);
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  return `https://127.0.0.1:${(srv.address() as AddressInfo).port}/health`;
}

beforeAll(async () => {
  pki = await TestPki.create();
  good = await pki.issue('good', { cn: 'insurer.partner.test', dns: ['insurer.partner.test', 'localhost'], ips: ['127.0.0.1'] });
  client = await pki.issue('client', { cn: 'lifeline-monitor' });
  encryptedClient = await pki.issue('client-enc', { cn: 'lifeline-monitor-enc', passphrase: PASSPHRASE });
});
afterAll(() => {
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
  pki.remove();
});

const check = (fields: Record<string, unknown>) => resolvedCheck('http', fields, 3000);

describe('http probe: TLS verification', () => {
  it('a certificate from the check caFile CA is trusted', async () => {
    const url = await httpsServer(good);
    const { outcome } = await runProbe(httpProbe, check({ url, caFile: pki.caFile, jsonPath: '$.status', equals: 'ok' }));
    expect(outcome).toMatchObject({ ok: true, facts: { httpStatus: 200 } });
  });

  it('without the caFile the private CA is unknown: tls', async () => {
    const url = await httpsServer(good);
    const { outcome } = await runProbe(httpProbe, check({ url }));
    expect(outcome).toMatchObject({ ok: false, stage: 'tls', errorClass: 'tls', message: expect.stringContaining('unknown CA') });
  });

  it('a certificate from another CA: tls, unknown CA', async () => {
    const foreign = await pki.issue('foreign', { cn: '127.0.0.1', ips: ['127.0.0.1'], signer: await TestPki.otherCa() });
    const { outcome } = await runProbe(httpProbe, check({ url: await httpsServer(foreign), caFile: pki.caFile }));
    expect(outcome).toMatchObject({ ok: false, errorClass: 'tls', message: expect.stringContaining('unknown CA') });
  });

  it('a self-signed certificate: tls, self-signed', async () => {
    const self = await pki.issue('self', { cn: 'insurer.partner.test', ips: ['127.0.0.1'], signer: 'self' });
    const { outcome } = await runProbe(httpProbe, check({ url: await httpsServer(self), caFile: pki.caFile }));
    expect(outcome).toMatchObject({ ok: false, errorClass: 'tls', message: expect.stringContaining('self-signed') });
  });

  it('an expired certificate: tls, expired', async () => {
    const expired = await pki.issue('expired', { cn: 'insurer.partner.test', ips: ['127.0.0.1'], notBefore: days(-60), notAfter: days(-2) });
    const { outcome } = await runProbe(httpProbe, check({ url: await httpsServer(expired), caFile: pki.caFile }));
    expect(outcome).toMatchObject({ ok: false, stage: 'tls', errorClass: 'tls', message: expect.stringContaining('expired') });
  });

  it('a certificate for another host name: tls, hostname mismatch', async () => {
    const wrong = await pki.issue('wronghost', { cn: 'wrong.partner.test' });
    const { outcome } = await runProbe(httpProbe, check({ url: await httpsServer(wrong), caFile: pki.caFile }));
    expect(outcome).toMatchObject({ ok: false, errorClass: 'tls', message: expect.stringContaining('hostname mismatch') });
    if (!outcome.ok) expect(outcome.message).toContain('wrong.partner.test');
  });

  it('a caFile that does not exist is a clear failure, not a crash', async () => {
    const url = await httpsServer(good);
    const missing = join(pki.dir, 'nope.crt');
    const { outcome } = await runProbe(httpProbe, check({ url, caFile: missing }));
    expect(outcome).toMatchObject({ ok: false, stage: 'tls', errorClass: 'internal', message: `caFile ${missing} does not exist` });
  });

  it('a caFile that holds no certificate is a clear failure', async () => {
    const { outcome } = await runProbe(httpProbe, check({ url: await httpsServer(good), caFile: good.keyFile }));
    expect(outcome).toMatchObject({ ok: false, errorClass: 'internal', message: expect.stringContaining('holds no PEM certificate') });
  });
});

describe('http probe: mutual TLS', () => {
  let url: string;
  beforeAll(async () => {
    url = await httpsServer(good, { ca: pki.ca.cert, requestCert: true, rejectUnauthorized: true });
  });

  it('without a client certificate the server refuses: tls (or reset)', async () => {
    const { outcome } = await runProbe(httpProbe, check({ url, caFile: pki.caFile }));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(['tls', 'reset']).toContain(outcome.errorClass);
  });

  it('with the client certificate it succeeds', async () => {
    const { outcome } = await runProbe(httpProbe, check({ url, caFile: pki.caFile, clientCertFile: client.certFile, clientKeyFile: client.keyFile, jsonPath: '$.client', equals: 'lifeline-monitor' }));
    expect(outcome).toMatchObject({ ok: true, facts: { httpStatus: 200 } });
  });

  it('an encrypted client key opens with the passphrase from the env var', async () => {
    const fields = { url, caFile: pki.caFile, clientCertFile: encryptedClient.certFile, clientKeyFile: encryptedClient.keyFile, clientKeyPassphraseEnv: 'CLIENT_KEY_PASS' };
    const ok = await runProbe(httpProbe, check(fields), { CLIENT_KEY_PASS: PASSPHRASE });
    expect(ok.outcome).toMatchObject({ ok: true });
    const wrong = await runProbe(httpProbe, check(fields), { CLIENT_KEY_PASS: 'not-it' });
    expect(wrong.outcome).toMatchObject({ ok: false, errorClass: 'internal', message: expect.stringContaining('cannot be used') });
    const unset = await runProbe(httpProbe, check(fields), {});
    expect(unset.outcome).toMatchObject({ ok: false, errorClass: 'internal', message: expect.stringContaining('CLIENT_KEY_PASS') });
    expect(JSON.stringify([ok, wrong, unset])).not.toContain(PASSPHRASE);
    expect(JSON.stringify(wrong)).not.toContain('not-it');
  });

  it('a client certificate from an unknown CA is rejected by the server: tls (or reset)', async () => {
    const stranger = await pki.issue('stranger', { cn: 'stranger', signer: await TestPki.otherCa() });
    const { outcome } = await runProbe(httpProbe, check({ url, caFile: pki.caFile, clientCertFile: stranger.certFile, clientKeyFile: stranger.keyFile }));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(['tls', 'reset']).toContain(outcome.errorClass);
  });
});
