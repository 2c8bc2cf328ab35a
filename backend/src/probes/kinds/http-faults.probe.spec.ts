import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import { ERROR_CLASSES, type ResolvedCheck } from '@lifeline/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FaultProxy } from '../../../test/support/fault-proxy.js';
import { resolvedCheck, runProbe, watchUnhandled } from '../../../test/support/probe-harness.js';
import { runCheck } from '../probe-runner.js';
import { httpProbe } from './http.probe.js';

const GRACE_MS = 250; // the runner's abort grace
const SLACK_MS = 200; // scheduling noise on a busy test machine

const port = (srv: Server | TcpServer) => (srv.address() as AddressInfo).port;
const listen = (srv: Server | TcpServer) => new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', () => resolve()));

let upstream: Server;
let proxy: FaultProxy;
const rawServers: TcpServer[] = [];
const rawSockets = new Set<Socket>();

/** A raw TCP server whose every connection is handled by `onConnection`; sockets are tracked for cleanup. */
async function rawServer(onConnection: (socket: Socket, n: number) => void): Promise<number> {
  let n = 0;
  const srv = createTcpServer((socket) => {
    rawSockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => rawSockets.delete(socket));
    onConnection(socket, n++);
  });
  rawServers.push(srv);
  await listen(srv);
  return port(srv);
}

beforeAll(async () => {
  upstream = createHttpServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'));
  await listen(upstream);
  proxy = await FaultProxy.start();
});
afterEach(() => proxy.reset());
afterAll(async () => {
  upstream.closeAllConnections();
  upstream.close();
  for (const s of rawSockets) s.destroy();
  for (const s of rawServers) s.close();
  await proxy.stop();
});

describe('http probe through the fault proxy', () => {
  it('a latency toxic shows in the duration, and the answer is still ok', async () => {
    const listenPort = await proxy.create('http-latency', port(upstream));
    await proxy.addToxic('http-latency', { type: 'latency', attributes: { latency: 400, jitter: 0 } });
    const obs = await runCheck(resolvedCheck('http', { url: `http://127.0.0.1:${listenPort}/` }, 3000) as unknown as ResolvedCheck, {});
    expect(obs).toMatchObject({ ok: true, facts: { httpStatus: 200 } });
    expect(obs.durationMs).toBeGreaterThanOrEqual(400);
  });

  it('a blackhole (timeout toxic) is a timeout within timeout + grace', async () => {
    const listenPort = await proxy.create('http-blackhole', port(upstream));
    await proxy.addToxic('http-blackhole', { type: 'timeout', attributes: { timeout: 0 } });
    const obs = await runCheck(resolvedCheck('http', { url: `http://127.0.0.1:${listenPort}/` }, 800) as unknown as ResolvedCheck, {});
    expect(obs).toMatchObject({ ok: false, failure: { errorClass: 'timeout' } });
    expect(obs.durationMs).toBeGreaterThanOrEqual(800);
    expect(obs.durationMs).toBeLessThan(800 + GRACE_MS + SLACK_MS);
  });
});

describe('http probe against misbehaving servers', () => {
  it.each([
    ['the status line', 'HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok'],
    ['the body', null],
  ])('a server that dribbles %s one byte a second is a timeout, no crash', async (_what, script) => {
    const listenPort = await rawServer((socket) => {
      socket.once('data', () => {
        const text = script ?? 'HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n';
        if (script === null) socket.write(text);
        const bytes = Buffer.from(script ?? 'x'.repeat(100));
        let i = 0;
        const timer = setInterval(() => (i < bytes.length && !socket.destroyed ? socket.write(bytes.subarray(i, ++i)) : clearInterval(timer)), 1000);
        socket.on('close', () => clearInterval(timer));
      });
    });
    const watch = watchUnhandled();
    const { outcome, ms } = await runProbe(httpProbe, resolvedCheck('http', { url: `http://127.0.0.1:${listenPort}/` }, 1500));
    watch.stop();
    expect(outcome).toMatchObject({ ok: false, stage: 'response', errorClass: 'timeout' });
    expect(ms).toBeLessThan(1500 + SLACK_MS);
    expect(watch.errors).toEqual([]);
  });

  it('fuzz: random bytes, cut status lines, half answers and resets always give an outcome in time', async () => {
    // A small seeded PRNG, so a failing case can be replayed from the seed in the message.
    const seed = Date.now() % 1_000_000;
    let state = seed;
    const rand = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const randomBytes = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(rand() * 256)));
    const behaviours: ((s: Socket) => void)[] = [
      (s) => s.end(randomBytes(1 + Math.floor(rand() * 2000))),
      (s) => s.write(randomBytes(1 + Math.floor(rand() * 200))), // and then silence
      (s) => s.end('HTTP/1.1 2'),
      (s) => s.end('HTTP/1.1 200 OK\r\nContent-Le'),
      (s) => s.end('HTTP/1.1 200 OK\r\ncontent-length: 1000\r\n\r\nonly a little'),
      (s) => s.write('HTTP/1.1 200 OK\r\ncontent-length: 1000\r\n\r\nthen silence'),
      (s) => s.end('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\nbad chunk\r\n'),
      (s) => s.end(`HTTP/1.1 200 OK\r\nx-big: ${'a'.repeat(70_000)}\r\n\r\n`),
      (s) => s.end(Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\n'), randomBytes(300)])),
      (s) => s.resetAndDestroy(),
      (s) => s.end(),
      (s) => (s.write('HTTP/1.1 200 OK\r\n'), setTimeout(() => s.resetAndDestroy(), 20)),
      (s) => s.end('HTTP/1.1 999 Weird\r\ncontent-length: 0\r\n\r\n'),
      (s) => s.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok'),
      () => undefined, // reads the request, never answers
    ];
    const listenPort = await rawServer((socket) => {
      const behave = behaviours[Math.floor(rand() * behaviours.length)];
      // Half the time answer before the request has even arrived.
      if (rand() < 0.5) behave(socket);
      else socket.once('data', () => behave(socket));
    });
    const watch = watchUnhandled();
    const timeoutMs = 500;
    const results: { ok: boolean; errorClass?: string; ms: number }[] = [];
    for (let batch = 0; batch < 8; batch++) {
      const runs = Array.from({ length: 10 }, () =>
        runProbe(httpProbe, resolvedCheck('http', { url: `http://127.0.0.1:${listenPort}/x`, bodyContains: 'ok' }, timeoutMs)),
      );
      for (const { outcome, ms } of await Promise.all(runs)) results.push({ ok: outcome.ok, errorClass: outcome.ok ? undefined : outcome.errorClass, ms });
    }
    watch.stop();
    expect(watch.errors, `seed ${seed}`).toEqual([]);
    expect(results).toHaveLength(80);
    for (const r of results) {
      expect(r.ms, `seed ${seed}`).toBeLessThan(timeoutMs + GRACE_MS);
      if (!r.ok) expect(ERROR_CLASSES, `seed ${seed}`).toContain(r.errorClass);
    }
    // Most behaviours are failures of some kind; the outcome mix is what a wall would show.
    expect(results.filter((r) => !r.ok).length).toBeGreaterThan(40);
  });
});
