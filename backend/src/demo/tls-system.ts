import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:tls';
import { generate } from 'selfsigned';

const DAY_MS = 86_400_000;

/**
 * A TLS endpoint for a simulated partner: a throw-away CA and a certificate for 127.0.0.1
 * made at start (EC P-256, milliseconds), the CA written to a temp file the demo catalog's
 * `caFile` points at. Each handshake is answered with a short "simulated" line.
 */
export class TlsSystem {
  private server: Server | undefined;
  private dir: string | undefined;
  caFile = '';

  async start(system: string): Promise<void> {
    const ca = await generate([{ name: 'commonName', value: 'Lifeline demo simulator CA' }, { name: 'organizationName', value: 'Lifeline demo (simulated)' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      notBeforeDate: new Date(Date.now() - DAY_MS),
      notAfterDate: new Date(Date.now() + 365 * DAY_MS),
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
      ],
    });
    const leaf = await generate([{ name: 'commonName', value: `${system} (simulated)` }, { name: 'organizationName', value: 'Lifeline demo (simulated)' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      notBeforeDate: new Date(Date.now() - DAY_MS),
      notAfterDate: new Date(Date.now() + 180 * DAY_MS),
      ca: { cert: ca.cert, key: ca.private },
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
      ],
    });
    this.dir = await mkdtemp(join(tmpdir(), 'lifeline-demo-tls-'));
    this.caFile = join(this.dir, 'demo-ca.crt');
    await writeFile(this.caFile, ca.cert);
    this.server = createServer({ cert: leaf.cert, key: leaf.private }, (tls) => {
      tls.on('error', () => undefined);
      tls.end(`simulated ${system}\n`);
    });
    this.server.on('tlsClientError', () => undefined);
  }

  /** Hands an accepted (gated) TCP connection to the TLS server. */
  serve(socket: Socket): void {
    this.server?.emit('connection', socket);
  }

  async stop(): Promise<void> {
    this.server?.close();
    this.server = undefined;
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }
}
