import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';

const DAY_MS = 86_400_000;

export interface IssuedCert {
  cert: string;
  key: string;
  certFile: string;
  keyFile: string;
}

export interface IssueOptions {
  /** Common name; also the only DNS name unless `dns` is given. */
  cn: string;
  dns?: string[];
  ips?: string[];
  notBefore?: Date;
  notAfter?: Date;
  /** Signed by another CA than this PKI's (e.g. one made with `otherCa()`); default this PKI's CA. */
  signer?: { cert: string; key: string } | 'self';
  /** Encrypt the key file with this passphrase. */
  passphrase?: string;
}

/**
 * A throw-away PKI for tests: a CA (trusted by writing `caFile` into a check) and
 * certificates issued on demand, all EC P-256 so generation takes milliseconds.
 * Files go to a temp folder removed by `remove()`.
 */
export class TestPki {
  private constructor(
    readonly dir: string,
    readonly ca: { cert: string; key: string },
    readonly caFile: string,
  ) {}

  static async create(): Promise<TestPki> {
    const dir = mkdtempSync(join(tmpdir(), 'lifeline-pki-'));
    const ca = await makeCa('Lifeline Test CA');
    const caFile = join(dir, 'ca.crt');
    writeFileSync(caFile, ca.cert);
    return new TestPki(dir, ca, caFile);
  }

  /** Another CA, trusted by nobody unless its cert is written somewhere. */
  static otherCa(cn = 'Untrusted Test CA'): Promise<{ cert: string; key: string }> {
    return makeCa(cn);
  }

  async issue(file: string, opts: IssueOptions): Promise<IssuedCert> {
    const notBefore = opts.notBefore ?? new Date(Date.now() - 3_600_000);
    const notAfter = opts.notAfter ?? new Date(Date.now() + 90 * DAY_MS);
    const signer = opts.signer === 'self' ? undefined : (opts.signer ?? this.ca);
    const altNames = [
      ...(opts.dns ?? [opts.cn]).map((value) => ({ type: 2 as const, value })),
      ...(opts.ips ?? []).map((ip) => ({ type: 7 as const, ip })),
    ];
    const pems = await generate([{ name: 'commonName', value: opts.cn }, { name: 'organizationName', value: 'Lifeline tests' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      notBeforeDate: notBefore,
      notAfterDate: notAfter,
      ...(signer ? { ca: signer } : {}),
      ...(opts.passphrase ? { passphrase: opts.passphrase } : {}),
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true, clientAuth: true },
        { name: 'subjectAltName', altNames },
      ],
    });
    const certFile = join(this.dir, `${file}.crt`);
    const keyFile = join(this.dir, `${file}.key`);
    writeFileSync(certFile, pems.cert);
    writeFileSync(keyFile, pems.private);
    return { cert: pems.cert, key: pems.private, certFile, keyFile };
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

async function makeCa(cn: string): Promise<{ cert: string; key: string }> {
  const pems = await generate([{ name: 'commonName', value: cn }, { name: 'organizationName', value: 'Lifeline tests' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: new Date(Date.now() - DAY_MS),
    notAfterDate: new Date(Date.now() + 3650 * DAY_MS),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

export const days = (n: number): Date => new Date(Date.now() + n * DAY_MS);
