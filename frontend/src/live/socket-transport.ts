import { io } from 'socket.io-client';
import type { ManagerOptions, Socket, SocketOptions } from 'socket.io-client';
import { LIVE_NAMESPACE } from '@lifeline/shared';
import type { LiveClientEvents, LiveServerEvents } from '@lifeline/shared';
import type { LiveTransport } from './live-transport';

/** How long to wait before retrying when the server refused the connection outright. */
const REFUSED_RETRY_MS = 5_000;

type LiveSocket = Socket<LiveServerEvents, LiveClientEvents>;

/**
 * The one socket.io connection of the app, to `/live` on the page's own origin (or `url`).
 * socket.io reconnects by itself; the server answers every (re)connect with a fresh snapshot.
 */
export function createSocketTransport(url: string = LIVE_NAMESPACE, options: Partial<ManagerOptions & SocketOptions> = {}): LiveTransport {
  let socket: LiveSocket | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;

  return {
    open(handlers) {
      if (socket) return;
      // WebSocket first (the snapshot arrives one round trip sooner than over long-polling), polling if that fails.
      const s: LiveSocket = io(url, { path: '/socket.io', autoConnect: false, transports: ['websocket', 'polling'], tryAllTransports: true, ...options });
      socket = s;
      s.on('connect', () => handlers.connection(true));
      s.on('disconnect', (reason) => {
        handlers.connection(false);
        // The only case socket.io does not retry by itself: the server closed this socket.
        if (reason === 'io server disconnect') s.connect();
      });
      s.on('connect_error', () => {
        handlers.connection(false);
        if (!s.active) retry = setTimeout(() => s.connect(), REFUSED_RETRY_MS);
      });
      s.on('snapshot', (snapshot) => handlers.message({ type: 'snapshot', snapshot }));
      s.on('integration.updated', (event) => handlers.message({ type: 'integration.updated', event }));
      s.on('verdict.updated', (event) => handlers.message({ type: 'verdict.updated', event }));
      s.on('incident.opened', (event) => handlers.message({ type: 'incident.opened', event }));
      s.on('incident.updated', (event) => handlers.message({ type: 'incident.updated', event }));
      s.on('incident.resolved', (event) => handlers.message({ type: 'incident.resolved', event }));
      s.on('tick', (event) => handlers.message({ type: 'tick', event }));
      s.connect();
    },
    requestSnapshot() {
      socket?.emit('snapshot.request');
    },
    close() {
      clearTimeout(retry);
      socket?.removeAllListeners();
      socket?.disconnect();
      socket = undefined;
    },
  };
}
