import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { Behaviour } from './scenarios.js';

/** What a protocol server needs from the simulator, asked afresh on every connection. */
export interface BehaviourView {
  behaviourOf(system: string): Behaviour | undefined;
  slowDelayMs(): number;
}

/** A hung connection is dropped after this long even if the client never gives up. */
const HANG_CAP_MS = 120_000;
/** Idle connections are dropped after this long; a probe hangs up after one exchange anyway. */
const IDLE_MS = 30_000;

/**
 * A loopback TCP listener for one simulated system that speaks a real protocol: every
 * connection is gated by the system's behaviour at that moment, then handed to `serve`.
 *   healthy: served at once; slow: served after a delay (below the check timeout);
 *   unavailable / reset: the connection is reset; hang: accepted and never answered;
 *   flapping: every other connection is reset.
 */
export class GatedTcpServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private flapCount = 0;

  constructor(
    readonly system: string,
    private readonly view: BehaviourView,
    private readonly serve: (socket: Socket) => void,
  ) {
    this.server = createServer((socket) => this.accept(socket));
  }

  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve((this.server.address() as AddressInfo).port));
    });
  }

  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    return new Promise((resolve) => (this.server.listening ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('error', () => undefined); // a probe hanging up abruptly is normal here
    socket.setTimeout(IDLE_MS, () => socket.destroy());
    socket.once('close', () => this.sockets.delete(socket));
    let behaviour = this.view.behaviourOf(this.system) ?? 'unavailable';
    if (behaviour === 'flapping') behaviour = ++this.flapCount % 2 === 1 ? 'healthy' : 'reset';
    switch (behaviour) {
      case 'healthy':
        return this.serve(socket);
      case 'slow': {
        // Nothing reads the socket until then: what the client sends waits in its buffer.
        const t = setTimeout(() => {
          if (!socket.destroyed) this.serve(socket);
        }, this.view.slowDelayMs());
        socket.once('close', () => clearTimeout(t));
        return;
      }
      case 'unavailable':
      case 'reset':
        socket.resetAndDestroy();
        return;
      case 'hang': {
        socket.setTimeout(0);
        socket.resume(); // read and ignore
        const t = setTimeout(() => socket.destroy(), HANG_CAP_MS);
        socket.once('close', () => clearTimeout(t));
        return;
      }
    }
  }
}
