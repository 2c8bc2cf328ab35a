import { io } from 'socket.io-client';
import type { ManagerOptions, Socket, SocketOptions } from 'socket.io-client';
import { LIVE_NAMESPACE } from '@lifeline/shared';
import type { LiveClientEvents, LiveServerEvents } from '@lifeline/shared';
import type { LiveTransport } from './live-transport';

/** How long to wait before retrying when the server refused the connection outright. */
const REFUSED_RETRY_MS = 5_000;
/** …and when it refused it as not signed in (401): that rarely changes by itself, so ask seldom. */
const UNAUTHORIZED_RETRY_MS = 30_000;

export interface RetryDelays {
  refusedMs?: number;
  unauthorizedMs?: number;
}

type LiveSocket = Socket<LiveServerEvents, LiveClientEvents>;

/** The status the server's handshake refused with (`connect_error` carries it in `data`). */
function refusalStatus(err: unknown): number | undefined {
  const status = (err as { data?: { statusCode?: unknown } } | undefined)?.data?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/**
 * The one socket.io connection of the app, to `/live` on the page's own origin (or `url`).
 * socket.io reconnects by itself; the server answers every (re)connect with a fresh snapshot.
 * A handshake the server refuses is retried by us: after 5 s, or 30 s when not signed in.
 */
export function createSocketTransport(url: string = LIVE_NAMESPACE, options: Partial<ManagerOptions & SocketOptions> = {}, delays: RetryDelays = {}): LiveTransport {
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
      s.on('connect_error', (err) => {
        const unauthorized = !s.active && refusalStatus(err) === 401;
        if (unauthorized && handlers.refused) handlers.refused();
        else handlers.connection(false);
        if (s.active) return; // a network failure: socket.io retries with its own backoff
        clearTimeout(retry);
        retry = setTimeout(() => s.connect(), unauthorized ? (delays.unauthorizedMs ?? UNAUTHORIZED_RETRY_MS) : (delays.refusedMs ?? REFUSED_RETRY_MS));
      });
      s.on('snapshot', (snapshot) => handlers.message({ type: 'snapshot', snapshot }));
      s.on('integration.updated', (event) => handlers.message({ type: 'integration.updated', event }));
      s.on('integrations.refreshed', (event) => handlers.message({ type: 'integrations.refreshed', event }));
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
