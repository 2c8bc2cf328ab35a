import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/** Idle accepted connections are dropped after this long; a connect probe hangs up at once anyway. */
const IDLE_MS = 30_000;

/**
 * A TCP listener for one simulated system, on a port that stays the same for the
 * simulator's life (the catalog names it). A connect-only probe cannot tell a slow or
 * rude peer from a good one once the handshake is done, so "failing" here means not
 * listening at all: the connect is refused. Healthy, slow and flapping all accept.
 */
export class TcpEndpoint {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private port = 0;
  private stopped = false;
  /** Open and close run one after the other, never interleaved. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly system: string,
    private readonly log: (line: string) => void,
  ) {}

  /** Listens once on a fresh loopback port and returns it; later calls reuse that port. */
  async start(): Promise<number> {
    await this.setAccepting(true);
    return this.port;
  }

  setAccepting(accepting: boolean): Promise<void> {
    this.queue = this.queue
      .then(() => (accepting && !this.stopped ? this.open() : this.shut()))
      .catch((err: Error) => this.log(`[demo simulator] simulated ${this.system}: TCP port ${this.port} could not change state (simulated partner): ${err.message}`));
    return this.queue;
  }

  /** Stops for good: listener closed, every open socket destroyed. */
  stop(): Promise<void> {
    this.stopped = true;
    return this.setAccepting(false);
  }

  private open(): Promise<void> {
    if (this.server) return Promise.resolve();
    const server = createServer((socket) => this.track(socket));
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        this.port = (server.address() as AddressInfo).port;
        this.server = server;
        resolve();
      });
    });
  }

  private shut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('error', () => undefined); // a probe hanging up abruptly is normal here
    socket.setTimeout(IDLE_MS, () => socket.destroy());
    socket.once('close', () => this.sockets.delete(socket));
  }
}
