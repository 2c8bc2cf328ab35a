import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { ERROR_CLASSES } from '@lifeline/shared';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { resolvedCheck, runProbe, watchUnhandled } from '../../../test/support/probe-harness.js';
import { MLLP_MAX_REPLY_BYTES, hl7MllpProbe } from './hl7-mllp.probe.js';

const SLACK_MS = 250;
const servers: Server[] = [];
const sockets = new Set<Socket>();

/** A raw server: `reply(socket, controlId)` runs once the first complete framed message arrived. */
async function misbehaving(reply: (socket: Socket, controlId: string) => void): Promise<number> {
  const srv = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    let got = '';
    socket.on('data', (d) => {
      got += d.toString('latin1');
      if (!got.includes('\x1c\r')) return;
      socket.removeAllListeners('data');
      reply(socket, got.split('\r')[0].split('|')[9] ?? '');
    });
  });
  servers.push(srv);
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  return (srv.address() as AddressInfo).port;
}

const ack = (id: string, code = 'AA') => `\x0bMSH|^~\\&|PEER|PEER|LIFELINE|LIFELINE|20240101000000||ACK|A1|P|2.5\rMSA|${code}|${id}\r\x1c\r`;

/** Writes `data` in pieces of `size` bytes, one piece per `everyMs` (or per tick), while the socket lives. */
function dribble(socket: Socket, data: Buffer, size: number, everyMs?: number): void {
  let at = 0;
  const next = () => {
    if (socket.destroyed || at >= data.length) return;
    socket.write(data.subarray(at, (at += size)));
    if (everyMs) setTimeout(next, everyMs);
    else setImmediate(next);
  };
  next();
}

afterEach(() => {
  for (const s of sockets) s.destroy();
});
afterAll(() => {
  for (const s of servers) s.close();
});

/** Runs the probe and checks the invariants every case shares: an outcome in time, no throw, nothing unhandled. */
async function probeWithin(port: number, timeoutMs: number) {
  const watch = watchUnhandled();
  const { outcome, ms } = await runProbe(hl7MllpProbe, resolvedCheck('hl7-mllp', { host: '127.0.0.1', port }, timeoutMs));
  await new Promise((resolve) => setTimeout(resolve, 20)); // let late socket events surface
  watch.stop();
  expect(watch.errors).toEqual([]);
  expect(ms).toBeLessThan(timeoutMs + SLACK_MS);
  if (!outcome.ok) expect(ERROR_CLASSES).toContain(outcome.errorClass);
  return outcome;
}

describe('hl7-mllp probe against misbehaving peers', () => {
  it('a valid ACK split into one- to three-byte writes is still read whole', async () => {
    const port = await misbehaving((s, id) => dribble(s, Buffer.from(ack(id)), 1 + Math.floor(Math.random() * 3)));
    expect(await probeWithin(port, 3000)).toEqual({ ok: true, facts: { ackCode: 'AA' } });
  });

  it('a truncated frame and a close is a protocol failure; a truncated frame left open is a timeout', async () => {
    const cut = await misbehaving((s, id) => s.end(ack(id).slice(0, 30)));
    expect(await probeWithin(cut, 1000)).toMatchObject({ ok: false, errorClass: 'protocol', message: expect.stringMatching(/closed in the middle of a reply/) });
    const open = await misbehaving((s, id) => s.write(ack(id).slice(0, -2)));
    expect(await probeWithin(open, 600)).toMatchObject({ ok: false, errorClass: 'timeout' });
  });

  it('unframed HL7 and a bad frame end are protocol failures', async () => {
    const unframed = await misbehaving((s, id) => s.write(ack(id).slice(1)));
    expect(await probeWithin(unframed, 1000)).toMatchObject({ ok: false, errorClass: 'protocol', message: expect.stringMatching(/^reply is not MLLP-framed \(starts with "MSH/) });
    const badEnd = await misbehaving((s, id) => s.write(ack(id).replace('\x1c\r', '\x1cX')));
    expect(await probeWithin(badEnd, 1000)).toMatchObject({ ok: false, errorClass: 'protocol', message: 'reply frame ends with 0x1C not followed by 0x0D' });
  });

  it('a 10 MB reply is too-large, and the probe stops reading long before the end', async () => {
    let flushed = 0;
    const port = await misbehaving((s) => {
      const first = Buffer.alloc(64 * 1024, 0x41);
      first[0] = 0x0b; // a frame start, then 10 MiB without an end
      const rest = Buffer.alloc(64 * 1024, 0x41);
      let left = 160; // 160 × 64 KiB = 10 MiB
      const pump = () => {
        while (left > 0 && !s.destroyed) {
          const chunk = left-- === 160 ? first : rest;
          if (!s.write(chunk, (err) => void (err ? undefined : (flushed += chunk.length)))) return void s.once('drain', pump);
        }
      };
      pump();
    });
    const heapBefore = process.memoryUsage().heapUsed;
    const outcome = await probeWithin(port, 5000);
    expect(outcome).toMatchObject({ ok: false, errorClass: 'too-large' });
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(32 * 1024 * 1024);
    expect(flushed).toBeLessThan(10 * 1024 * 1024);
    expect(MLLP_MAX_REPLY_BYTES).toBe(1024 * 1024);
  });

  it('a peer that dribbles a valid ACK one byte per 100 ms is a timeout, on time', async () => {
    const port = await misbehaving((s, id) => dribble(s, Buffer.from(ack(id)), 1, 100));
    expect(await probeWithin(port, 1000)).toMatchObject({ ok: false, stage: 'response', errorClass: 'timeout' });
  });

  it('fuzz: random replies, cut frames and hang-ups always give an outcome in time', async () => {
    // A seeded PRNG, so a failing case can be replayed from the seed in the message.
    const seed = Date.now() % 1_000_000;
    let state = seed;
    const rand = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(rand() * 256)));
    const behaviours: ((s: Socket, id: string) => void)[] = [
      (s) => s.end(bytes(1 + Math.floor(rand() * 3000))),
      (s) => s.write(Buffer.concat([Buffer.from([0x0b]), bytes(1 + Math.floor(rand() * 300))])), // then silence
      (s) => s.end(Buffer.concat([Buffer.from([0x0b]), bytes(Math.floor(rand() * 300)), Buffer.from([0x1c, 0x0d])])),
      (s, id) => s.end(ack(id).slice(0, Math.floor(rand() * ack(id).length))),
      (s, id) => dribble(s, Buffer.from(ack(id, ['AA', 'AE', 'XX', ''][Math.floor(rand() * 4)])), 1 + Math.floor(rand() * 5)),
      (s) => s.resetAndDestroy(),
      (s) => s.destroy(),
      (s, id) => s.end(`\r\n${ack(id)}${bytes(50).toString('latin1')}`),
    ];
    let current = behaviours[0];
    const port = await misbehaving((s, id) => current(s, id));
    for (let i = 0; i < 30; i++) {
      const pick = Math.floor(rand() * behaviours.length);
      current = behaviours[pick];
      const outcome = await probeWithin(port, 400).catch((err: Error) => {
        throw new Error(`seed ${seed}, case ${i} (behaviour ${pick}): ${err.message}`);
      });
      expect(outcome, `seed ${seed}, case ${i}`).toHaveProperty('ok');
    }
  });
});
