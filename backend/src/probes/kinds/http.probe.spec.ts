import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEventually } from '../../../test/support/expect-eventually.js';
import { resolvedCheck, runProbe } from '../../../test/support/probe-harness.js';
import { httpProbe } from './http.probe.js';

const SECRET = 's3cr3t-token-value';
const TEN_MB = 10 * 1024 * 1024;
/** What the /big route managed to send before its client went away, per request. */
const bigSent: { bytes: number; closedEarly: boolean }[] = [];

/** A real Node HTTP server with one route per behaviour the probe must judge. */
function route(req: IncomingMessage, res: ServerResponse, other: string): void {
  const url = new URL(req.url ?? '/', 'http://x');
  switch (url.pathname) {
    case '/health':
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', checks: [{ name: 'db', up: true }], version: 3 }));
      return;
    case '/error':
      res.writeHead(503).end('maintenance');
      return;
    case '/method':
      res.writeHead(req.method === 'POST' ? 201 : 405).end();
      return;
    case '/secure':
      res.writeHead(req.headers.authorization === `Bearer ${SECRET}` && req.headers['x-site'] === 'uzgent' ? 200 : 401).end();
      return;
    case '/big': {
      // 10 MB in 64 KB chunks, honouring back-pressure; stops when the client goes away.
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(TEN_MB) });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const record = { bytes: 0, closedEarly: false };
      bigSent.push(record);
      res.on('close', () => (record.closedEarly = record.bytes < TEN_MB));
      const pump = () => {
        while (record.bytes < TEN_MB && !res.destroyed) {
          record.bytes += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
      return;
    }
    case '/moved':
      res.writeHead(302, { location: '/health' }).end();
      return;
    case '/see-other':
      res.writeHead(303, { location: '/method' }).end();
      return;
    case '/loop':
      res.writeHead(301, { location: '/loop' }).end();
      return;
    case '/away':
      res.writeHead(307, { location: `${other}/echo-auth` }).end();
      return;
    case '/echo-auth':
      res.writeHead(200).end(req.headers.authorization ? 'auth-present' : 'auth-absent');
      return;
    default:
      res.writeHead(404).end();
  }
}

let server: Server;
let otherServer: Server;
let base: string;
let other: string;

function listen(srv: Server): Promise<string> {
  return new Promise((resolve) => srv.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(srv.address() as AddressInfo).port}`)));
}

beforeAll(async () => {
  otherServer = createServer((req, res) => route(req, res, ''));
  other = await listen(otherServer);
  server = createServer((req, res) => route(req, res, other));
  base = await listen(server);
});
afterAll(() => {
  server.closeAllConnections();
  otherServer.closeAllConnections();
  server.close();
  otherServer.close();
});

const check = (fields: Record<string, unknown>, timeoutMs = 3000) => resolvedCheck('http', fields, timeoutMs);

describe('http probe: status, method, headers', () => {
  it('a healthy endpoint is ok with its status and body size as facts', async () => {
    const { outcome } = await runProbe(httpProbe, check({ url: `${base}/health` }));
    expect(outcome).toMatchObject({ ok: true, facts: { httpStatus: 200 } });
    expect(outcome.facts?.bodyBytes).toBeGreaterThan(10);
    expect(outcome.facts?.truncated).toBeUndefined();
  });

  it.each([
    ['default range 200-399', undefined, false],
    ['a single status', 503, true],
    ['a list', [200, 503], true],
    ['a range', '500-599', true],
    ['a range that excludes it', '200-299', false],
  ])('503 against %s', async (_name, expectStatus, ok) => {
    const { outcome } = await runProbe(httpProbe, check({ url: `${base}/error`, ...(expectStatus !== undefined ? { expectStatus } : {}) }));
    if (ok) expect(outcome).toMatchObject({ ok: true, facts: { httpStatus: 503 } });
    else expect(outcome).toMatchObject({ ok: false, stage: 'response', errorClass: 'http-status', facts: { httpStatus: 503 } });
    if (!outcome.ok) expect(outcome.message).toMatch(/^HTTP 503, expected /);
  });

  it('uses the configured method', async () => {
    expect((await runProbe(httpProbe, check({ url: `${base}/method`, method: 'POST' }))).outcome).toMatchObject({ ok: true, facts: { httpStatus: 201 } });
    expect((await runProbe(httpProbe, check({ url: `${base}/method` }))).outcome).toMatchObject({ ok: false, errorClass: 'http-status' });
  });

  it('sends headers and env-held secret headers, never showing the secret', async () => {
    const fields = { url: `${base}/secure`, headers: { 'X-Site': 'uzgent' }, headersEnv: { Authorization: 'PARTNER_TOKEN' } };
    const good = await runProbe(httpProbe, check(fields), { PARTNER_TOKEN: `Bearer ${SECRET}` });
    expect(good.outcome).toMatchObject({ ok: true, facts: { httpStatus: 200 } });
    const bad = await runProbe(httpProbe, check(fields), { PARTNER_TOKEN: 'Bearer wrong' });
    expect(bad.outcome).toMatchObject({ ok: false, errorClass: 'http-status', facts: { httpStatus: 401 } });
    expect(JSON.stringify([good, bad])).not.toContain(SECRET);
  });

  it('a secret header whose env var is unset is a clear failure naming the variable, not the value', async () => {
    const { outcome } = await runProbe(httpProbe, check({ url: `${base}/secure`, headersEnv: { Authorization: 'PARTNER_TOKEN' } }), {});
    expect(outcome).toMatchObject({ ok: false, errorClass: 'internal', message: expect.stringContaining('PARTNER_TOKEN') });
  });
});

describe('http probe: body assertions and the size cap', () => {
  it('bodyContains passes and fails', async () => {
    expect((await runProbe(httpProbe, check({ url: `${base}/health`, bodyContains: '"ok"' }))).outcome.ok).toBe(true);
    const { outcome } = await runProbe(httpProbe, check({ url: `${base}/health`, bodyContains: 'healthy' }));
    expect(outcome).toMatchObject({ ok: false, stage: 'assert', errorClass: 'assertion', message: 'body does not contain "healthy"', facts: { httpStatus: 200 } });
  });

  it.each([
    ['$.status', 'ok', true],
    ['checks[0].up', true, true],
    ['$.version', 3, true],
    ['$.status', 'down', false],
    ['$.missing', undefined, false],
  ])('jsonPath %s equals %j', async (jsonPath, equals, ok) => {
    const { outcome } = await runProbe(httpProbe, check({ url: `${base}/health`, jsonPath, ...(equals !== undefined ? { equals } : {}) }));
    expect(outcome.ok).toBe(ok);
    if (!outcome.ok) expect(outcome).toMatchObject({ errorClass: 'assertion', message: expect.stringContaining(jsonPath) });
  });

  it('a body that is not JSON fails a jsonPath assertion', async () => {
    const { outcome } = await runProbe(httpProbe, check({ url: `${base}/error`, expectStatus: 503, jsonPath: '$.status' }));
    expect(outcome).toMatchObject({ ok: false, errorClass: 'assertion', message: 'body is not JSON' });
  });

  it('a 10 MB body is cut at maxBodyBytes (default 1 MiB): quick, truncated, the rest never read', async () => {
    const before = bigSent.length;
    const { outcome, ms } = await runProbe(httpProbe, check({ url: `${base}/big` }));
    expect(outcome).toMatchObject({ ok: true, facts: { httpStatus: 200, bodyBytes: 1024 * 1024, truncated: true } });
    expect(ms).toBeLessThan(1500);
    // The probe hung up: the server could not push the other 9 MB (only what fits in socket buffers).
    const sent = await expectEventually(() => {
      const record = bigSent[before];
      if (!record?.closedEarly) throw new Error('the server is still sending');
      return record.bytes;
    });
    expect(sent).toBeLessThan(TEN_MB);
  });

  it('an assertion on a cut body says it looked at the first N bytes only', async () => {
    const { outcome } = await runProbe(httpProbe, check({ url: `${base}/big`, bodyContains: 'needle', maxBodyBytes: 4096 }));
    expect(outcome).toMatchObject({ ok: false, errorClass: 'assertion', facts: { truncated: true, bodyBytes: 4096 } });
    if (!outcome.ok) expect(outcome.message).toContain('looked at the first 4096 bytes');
    const found = await runProbe(httpProbe, check({ url: `${base}/big`, bodyContains: 'aaaa', maxBodyBytes: 4096 }));
    expect(found.outcome).toMatchObject({ ok: true, facts: { truncated: true } });
  });
});

describe('http probe: redirects', () => {
  it('without maxRedirects a 3xx is the answer, judged by expectStatus', async () => {
    expect((await runProbe(httpProbe, check({ url: `${base}/moved` }))).outcome).toMatchObject({ ok: true, facts: { httpStatus: 302 } });
    const strict = await runProbe(httpProbe, check({ url: `${base}/moved`, expectStatus: 200 }));
    expect(strict.outcome).toMatchObject({ ok: false, errorClass: 'http-status', message: 'HTTP 302, expected 200' });
  });

  it('with maxRedirects it follows to the final answer and counts the hops', async () => {
    const { outcome } = await runProbe(httpProbe, check({ url: `${base}/moved`, maxRedirects: 3, expectStatus: 200, jsonPath: '$.status', equals: 'ok' }));
    expect(outcome).toMatchObject({ ok: true, facts: { httpStatus: 200, redirects: 1 } });
  });

  it('303 after a POST continues as GET', async () => {
    const { outcome } = await runProbe(httpProbe, check({ url: `${base}/see-other`, method: 'POST', maxRedirects: 1 }));
    expect(outcome).toMatchObject({ ok: false, errorClass: 'http-status', facts: { httpStatus: 405, redirects: 1 } });
  });

  it('a redirect loop is "too many redirects"', async () => {
    const { outcome } = await runProbe(httpProbe, check({ url: `${base}/loop`, maxRedirects: 3 }));
    expect(outcome).toMatchObject({ ok: false, stage: 'response', errorClass: 'http-status', message: 'too many redirects (more than 3)', facts: { redirects: 3 } });
  });

  it('secret headers are not sent on to another origin', async () => {
    const { outcome } = await runProbe(httpProbe, check({ url: `${base}/away`, maxRedirects: 1, headersEnv: { Authorization: 'PARTNER_TOKEN' }, bodyContains: 'auth-absent' }), {
      PARTNER_TOKEN: SECRET,
    });
    expect(outcome).toMatchObject({ ok: true, facts: { redirects: 1 } });
  });
});
