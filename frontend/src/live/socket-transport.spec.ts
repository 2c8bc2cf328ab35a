// @vitest-environment node
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import type { Socket as ServerSocket } from 'socket.io';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LIVE_NAMESPACE } from '@lifeline/shared';
import type { LiveClientEvents, LiveServerEvents } from '@lifeline/shared';
import { aSnapshot, anIntegration } from '../testing/builders';
import { createLiveStore } from './live-store';
import type { LiveStore } from './live-store';
import { createSocketTransport } from './socket-transport';

/** A stand-in for the backend's `/live` gateway: a snapshot on connect and on request. */
let io: Server<LiveClientEvents, LiveServerEvents>;
let url: string;
let seq: number;
let connections: ServerSocket<LiveClientEvents, LiveServerEvents>[];
let snapshotRequests: number;
let store: LiveStore;
/** Every connection state the store went through, in order. */
let history: string[];

beforeEach(async () => {
  seq = 100;
  connections = [];
  snapshotRequests = 0;
  const http = createServer();
  io = new Server(http);
  io.of(LIVE_NAMESPACE).on('connection', (socket) => {
    connections.push(socket);
    socket.emit('snapshot', aSnapshot({ seq: ++seq }));
    socket.on('snapshot.request', () => {
      snapshotRequests++;
      socket.emit('snapshot', aSnapshot({ seq: ++seq }));
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}${LIVE_NAMESPACE}`;
  store = createLiveStore(createSocketTransport(url, { transports: ['websocket'], reconnectionDelay: 20, reconnectionDelayMax: 50 }));
  history = [store.getState().connection];
  store.subscribe(() => {
    const { connection } = store.getState();
    if (history.at(-1) !== connection) history.push(connection);
  });
  store.start();
});

afterEach(async () => {
  store.stop();
  await io.close();
});

const expectConnection = (state: string) => vi.waitFor(() => expect(store.getState().connection).toBe(state), { timeout: 5_000 });

describe('socket.io transport against a real /live namespace', () => {
  it('receives the snapshot on connect and the events after it', async () => {
    await expectConnection('live');
    expect(store.getState().lastSeq).toBe(101);

    connections[0].emit('integration.updated', { seq: ++seq, integration: anIntegration({ status: 'down' }) });
    await vi.waitFor(() => expect(store.getState().snapshot?.integrations[1].status).toBe('down'));
    expect(snapshotRequests).toBe(0);
  });

  it('asks the server for a snapshot after a gap in seq', async () => {
    await expectConnection('live');
    seq += 3;
    connections[0].emit('tick', { seq: ++seq, serverTime: new Date().toISOString() });
    await vi.waitFor(() => expect(snapshotRequests).toBe(1));
    await vi.waitFor(() => expect(store.getState().resyncRequestedAt).toBeNull());
  });

  it('reconnects by itself after the network drops, and is live again on the fresh snapshot', async () => {
    await expectConnection('live');
    connections[0].conn.close(); // the transport dies under the socket, as on a network outage
    await vi.waitFor(() => expect(history).toEqual(['connecting', 'live', 'offline', 'connecting', 'live']), { timeout: 5_000 });
    expect(connections).toHaveLength(2);
    expect(store.getState().lastSeq).toBe(102);
  });

  it('reconnects even when the server closed the socket itself', async () => {
    await expectConnection('live');
    connections[0].disconnect(true);
    await vi.waitFor(() => expect(history).toEqual(['connecting', 'live', 'offline', 'connecting', 'live']), { timeout: 5_000 });
    expect(connections).toHaveLength(2);
  });
});
