import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultProxy } from '../../../test/support/fault-proxy.js';
import { freePort } from '../../../test/support/free-port.js';
import { resolvedCheck, runProbe } from '../../../test/support/probe-harness.js';
import { tcpProbe } from './tcp.probe.js';

describe('tcp probe', () => {
  let server: Server;
  let port: number;
  const sockets = new Set<Socket>();
  let proxy: FaultProxy;

  beforeAll(async () => {
    server = createServer((s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
    proxy = await FaultProxy.start();
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    server?.close();
    await proxy?.stop();
  });

  const check = (p: number) => resolvedCheck('tcp', { host: '127.0.0.1', port: p }, 1000);

  it('is ok when the partner accepts the connection, and leaves no socket open', async () => {
    const { outcome, ms } = await runProbe(tcpProbe, check(port));
    expect(outcome).toEqual({ ok: true });
    expect(ms).toBeLessThan(1000);
    await new Promise((r) => setTimeout(r, 50));
    expect(sockets.size).toBe(0);
  });

  it('says "connection refused" when nothing listens', async () => {
    const { outcome } = await runProbe(tcpProbe, check(await freePort()));
    expect(outcome).toMatchObject({ ok: false, stage: 'connect', errorClass: 'refused', message: 'connection refused' });
  });

  it('through the fault proxy: ok while it forwards, refused once it is down', async () => {
    const via = await proxy.create('tcp-partner', port);
    expect((await runProbe(tcpProbe, check(via))).outcome).toEqual({ ok: true });
    await proxy.setEnabled('tcp-partner', false);
    expect((await runProbe(tcpProbe, check(via))).outcome).toMatchObject({ ok: false, errorClass: 'refused' });
  });

  it('gives up at the deadline with a timeout, naming the target', async () => {
    const controller = new AbortController();
    controller.abort();
    const outcome = await tcpProbe.run(check(port), { signal: controller.signal, timeoutMs: 1000, env: {} });
    expect(outcome).toMatchObject({ ok: false, errorClass: 'timeout' });
    expect(outcome.ok === false && outcome.message).toContain(`127.0.0.1:${port}`);
  });
});
