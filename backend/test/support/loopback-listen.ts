import net, { type Server } from 'node:net';

/**
 * Runs `start` (which must call `listen(port)` synchronously, with no host, as simple-hl7 and
 * dcmjs-dimse do) with every such `listen` pinned to 127.0.0.1, then puts `listen` back.
 * Third-party servers stay on loopback without their code being touched.
 */
export function withLoopbackListen<T>(start: () => T): T {
  const listen = net.Server.prototype.listen;
  net.Server.prototype.listen = function (this: Server, ...args: unknown[]) {
    const hostless = typeof args[0] === 'number' && (args.length === 1 || typeof args[1] === 'function');
    const pinned = hostless ? [args[0], '127.0.0.1', ...args.slice(1)] : args;
    return listen.apply(this, pinned as never);
  } as typeof listen;
  try {
    return start();
  } finally {
    net.Server.prototype.listen = listen;
  }
}

/** Resolves once `server` listens; fails if it is not on 127.0.0.1. Returns its port. */
export async function loopbackPort(server: Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    if (server.listening) return resolve();
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address() as net.AddressInfo;
  if (address.address !== '127.0.0.1') throw new Error(`test peer listens on ${address.address}, expected 127.0.0.1`);
  return address.port;
}
