import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import type { BehaviourView } from './gated-tcp.js';

/** The names the simulated internal DNS knows; everything else is NXDOMAIN. All point at loopback. */
export const DEMO_DNS_NAMES: ReadonlyMap<string, string> = new Map([
  ['ehr.uzgent.demo.invalid', '127.0.0.1'],
  ['interface-engine.uzgent.demo.invalid', '127.0.0.1'],
  ['pacs.uzgent.demo.invalid', '127.0.0.1'],
]);

const TYPE_A = 1;
const CLASS_IN = 1;
const RCODE = { ok: 0, servfail: 2, nxdomain: 3, refused: 5 } as const;

/**
 * A tiny authoritative DNS server on a loopback UDP port for the simulated internal DNS:
 * answers A queries for DEMO_DNS_NAMES, following the system's behaviour (slow: late answer;
 * unavailable: SERVFAIL; reset: REFUSED; hang: silence; flapping: every other query SERVFAIL).
 */
export class DnsSystem {
  private readonly socket: Socket = createSocket('udp4');
  private readonly timers = new Set<NodeJS.Timeout>();
  private flapCount = 0;

  constructor(
    readonly system: string,
    private readonly view: BehaviourView,
  ) {
    this.socket.on('message', (msg, rinfo) => this.handle(msg, rinfo));
    this.socket.on('error', () => undefined);
  }

  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.socket.once('error', reject);
      this.socket.bind(0, '127.0.0.1', () => resolve((this.socket.address() as AddressInfo).port));
    });
  }

  close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    return new Promise((resolve) => {
      try {
        this.socket.close(() => resolve());
      } catch {
        resolve(); // never bound or already closed
      }
    });
  }

  private handle(msg: Buffer, rinfo: RemoteInfo): void {
    const query = parseQuery(msg);
    if (!query) return; // not a query we understand: say nothing
    let behaviour = this.view.behaviourOf(this.system) ?? 'unavailable';
    if (behaviour === 'flapping') behaviour = ++this.flapCount % 2 === 1 ? 'healthy' : 'unavailable';
    const send = (reply: Buffer) => this.socket.send(reply, rinfo.port, rinfo.address, () => undefined);
    switch (behaviour) {
      case 'healthy':
        return send(answer(msg, query));
      case 'slow': {
        const t = setTimeout(() => {
          this.timers.delete(t);
          send(answer(msg, query));
        }, this.view.slowDelayMs());
        this.timers.add(t);
        return;
      }
      case 'unavailable':
        return send(reply(msg, query, RCODE.servfail, []));
      case 'reset':
        return send(reply(msg, query, RCODE.refused, []));
      case 'hang':
        return;
    }
  }
}

interface Query {
  name: string;
  type: number;
  klass: number;
  /** End of the question section. */
  end: number;
}

/** The first question of a standard query, or undefined for anything else. */
export function parseQuery(msg: Buffer): Query | undefined {
  if (msg.length < 12 || (msg[2] & 0x80) !== 0 || msg.readUInt16BE(4) < 1) return undefined;
  const labels: string[] = [];
  let i = 12;
  for (;;) {
    if (i >= msg.length) return undefined;
    const len = msg[i];
    if (len === 0) break;
    if (len > 63 || i + 1 + len > msg.length) return undefined; // no compression in a question we accept
    labels.push(msg.toString('latin1', i + 1, i + 1 + len));
    i += 1 + len;
  }
  if (i + 5 > msg.length) return undefined;
  return { name: labels.join('.').toLowerCase(), type: msg.readUInt16BE(i + 1), klass: msg.readUInt16BE(i + 3), end: i + 5 };
}

function answer(msg: Buffer, query: Query): Buffer {
  const address = DEMO_DNS_NAMES.get(query.name);
  if (address === undefined) return reply(msg, query, RCODE.nxdomain, []);
  if (query.type !== TYPE_A || query.klass !== CLASS_IN) return reply(msg, query, RCODE.ok, []); // NODATA
  const rr = Buffer.alloc(16);
  rr.writeUInt16BE(0xc00c, 0); // name: pointer to the question
  rr.writeUInt16BE(TYPE_A, 2);
  rr.writeUInt16BE(CLASS_IN, 4);
  rr.writeUInt32BE(30, 6); // TTL
  rr.writeUInt16BE(4, 10);
  address.split('.').forEach((octet, k) => rr.writeUInt8(Number(octet), 12 + k));
  return reply(msg, query, RCODE.ok, [rr]);
}

function reply(msg: Buffer, query: Query, rcode: number, answers: Buffer[]): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(msg.readUInt16BE(0), 0); // id
  const rd = msg[2] & 0x01;
  header[2] = 0x80 | 0x04 | rd; // QR, AA, RD as asked
  header[3] = 0x80 | rcode; // RA, rcode
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  return Buffer.concat([header, msg.subarray(12, query.end), ...answers]);
}
