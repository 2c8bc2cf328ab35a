// @vitest-environment node
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LIVE_NAMESPACE } from '@lifeline/shared';
import { aSnapshot } from '../testing/builders';
import { createLiveStore } from './live-store';
import type { LiveStore } from './live-store';
import { createSocketTransport } from './socket-transport';

/** A `/live` namespace whose handshake refuses as the backend does (`data.statusCode`) until told otherwise. */
let io: Server;
let url: string;
let handshakes: number;
let refuseWith: number | null;
let store: LiveStore;

beforeEach(async () => {
  handshakes = 0;
  refuseWith = 401;
  const http = createServer();
  io = new Server(http);
  const live = io.of(LIVE_NAMESPACE);
  live.use((_socket, next) => {
    handshakes++;
    if (refuseWith === null) return next();
    next(Object.assign(new Error(refuseWith === 401 ? 'sign in required' : 'origin not allowed'), { data: { statusCode: refuseWith } }));
  });
  live.on('connection', (socket) => socket.emit('snapshot', aSnapshot({ seq: 1 })));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}${LIVE_NAMESPACE}`;
});

afterEach(async () => {
  store.stop();
  await io.close();
});

function start(delays: { refusedMs: number; unauthorizedMs: number }) {
  store = createLiveStore(createSocketTransport(url, { transports: ['websocket'], reconnectionDelay: 20, reconnectionDelayMax: 50 }, delays));
  store.start();
}

describe('socket.io transport when the server refuses the connection', () => {
  it('says "refused" on a 401, waits the long delay before asking again, and is live once allowed', async () => {
    start({ refusedMs: 20, unauthorizedMs: 600 });
    await vi.waitFor(() => expect(store.getState().connection).toBe('refused'), { timeout: 5_000 });
    await new Promise((r) => setTimeout(r, 300));
    expect(handshakes).toBe(1); // no hammering

    refuseWith = null;
    await vi.waitFor(() => expect(store.getState().connection).toBe('live'), { timeout: 5_000 });
    expect(handshakes).toBe(2);
  });

  it('retries sooner, as merely offline, when refused for another reason', async () => {
    refuseWith = 403;
    start({ refusedMs: 50, unauthorizedMs: 60_000 });
    await vi.waitFor(() => expect(handshakes).toBeGreaterThanOrEqual(3), { timeout: 5_000 });
    expect(store.getState().connection).toBe('offline');
  });
});
