import { createRequire } from 'node:module';
import type { Server, Socket } from 'node:net';
import { loopbackPort, withLoopbackListen } from './loopback-listen.js';

const require = createRequire(import.meta.url);

/** How the peer answers the next message; switch it between tests. */
export type Hl7PeerMode =
  | 'AA'
  | 'AE' // NAK with an ERR segment
  | 'AR'
  | 'wrong-id' // AA, but MSA-2 names another message
  | 'garbage' // a framed non-HL7 payload
  | 'silent' // reads the message, never answers
  | 'close'; // hangs up as soon as a message arrives

export interface Hl7Peer {
  port: number;
  mode: Hl7PeerMode;
  /** Control ids (MSH-10) of the messages received, in order. */
  received: string[];
  /** Client socket errors simple-hl7 passed down its middleware chain (e.g. a reset), caught by the guard. */
  errors: unknown[];
  stop(): Promise<void>;
}

interface Hl7Field {
  toString(): string;
}
interface Hl7Req {
  msg: { header: { getField(i: number): Hl7Field } };
}
interface Hl7Res {
  ack: { getSegment(name: string): { setField(i: number, v: string): void }; addSegment(name: string, ...fields: string[]): void };
  socket: Socket;
  end(): void;
}
interface Hl7App {
  use(fn: (...args: never[]) => unknown): void;
  start(port: number): { server: Server };
}

/**
 * simple-hl7 3.3.0's own MLLP server (its framing, parser and ACK builder), with the two fixes
 * the peers kit found necessary: its `listen(port)` has no host, so it is pinned to 127.0.0.1
 * (withLoopbackListen) for the one synchronous call that starts it; and a client reset reaches the middleware with
 * req/res undefined, which would throw and kill the process without the guard below.
 */
export async function startHl7Peer(initial: Hl7PeerMode = 'AA'): Promise<Hl7Peer> {
  const hl7 = require('simple-hl7') as { tcp(): Hl7App };
  const app = hl7.tcp();
  const sockets = new Set<Socket>();
  const peer: Hl7Peer = { port: 0, mode: initial, received: [], errors: [], stop: async () => undefined };

  app.use((req: Hl7Req | undefined, res: Hl7Res | undefined) => {
    if (!req || !res) return void peer.errors.push(new Error('middleware called without req/res (a client socket error)'));
    peer.received.push(req.msg.header.getField(8).toString());
    switch (peer.mode) {
      case 'silent':
        return;
      case 'close':
        return void res.socket.destroy();
      case 'garbage':
        return void res.socket.write('\x0bHTTP/1.1 502 Bad Gateway\r\n\r\n\x1c\r');
      case 'wrong-id':
        res.ack.getSegment('MSA').setField(2, 'SOMEONE-ELSE-42');
        return res.end();
      case 'AE':
      case 'AR':
        res.ack.getSegment('MSA').setField(1, peer.mode);
        res.ack.addSegment('ERR', `test peer says ${peer.mode}`);
        return res.end();
      default:
        return res.end();
    }
  });
  app.use((err: unknown, _req: unknown, _res: unknown, _next: unknown) => void peer.errors.push(err));

  const server = withLoopbackListen(() => app.start(0)).server;
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  peer.port = await loopbackPort(server);
  peer.stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return peer;
}
