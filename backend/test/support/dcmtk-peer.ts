import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.js';

export const HAS_DCMTK = existsSync('/usr/bin/storescp') && existsSync('/usr/bin/dcmqrscp');
const SHIM_SOURCE = fileURLToPath(new URL('./loopback-bind.c', import.meta.url));

/**
 * Builds the LD_PRELOAD shim that turns dcmtk's wildcard bind into 127.0.0.1 (dcmtk 3.6.7 has
 * no bind-address option). Cached in the temp folder by source hash; undefined without a compiler.
 */
function loopbackShim(): string | undefined {
  const source = readFileSync(SHIM_SOURCE);
  const out = join(tmpdir(), `lifeline-loopback-bind-${createHash('sha256').update(source).digest('hex').slice(0, 12)}.so`);
  if (existsSync(out)) return out;
  for (const cc of ['cc', 'gcc']) {
    try {
      execFileSync(cc, ['-shared', '-fPIC', '-O2', '-o', `${out}.tmp${process.pid}`, SHIM_SOURCE, '-ldl'], { stdio: 'ignore' });
      execFileSync('mv', [`${out}.tmp${process.pid}`, out]);
      return out;
    } catch {
      /* try the next compiler */
    }
  }
  return undefined;
}
export const LOOPBACK_SHIM = HAS_DCMTK ? loopbackShim() : undefined;

/** The address a TCP port listens on, from /proc/net/tcp (Linux): `127.0.0.1`, `0.0.0.0` or undefined. */
function listeningAddress(port: number): string | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const [, local, , state] = line.trim().split(/\s+/);
    if (state !== '0A' || !local?.endsWith(`:${hexPort}`)) continue;
    const hex = local.split(':')[0];
    return [3, 2, 1, 0].map((i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join('.');
  }
  return undefined;
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

export interface DcmtkPeer {
  port: number;
  stop(): Promise<void>;
}

export type DcmtkRole = 'storescp' | 'storescp-refuse' | 'dcmqrscp';

/**
 * Starts a dcmtk SCP on a free loopback port: `storescp` (accepts any called AE title),
 * `storescp --refuse` (rejects every association) or `dcmqrscp` (checks the called AE title
 * against its AETable: only `aeTitle` is known).
 */
export async function startDcmtk(role: DcmtkRole, aeTitle = 'PACS'): Promise<DcmtkPeer> {
  if (!LOOPBACK_SHIM) throw new Error('no C compiler to build the loopback shim for dcmtk');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'lifeline-dcmtk-'));
  let args: string[];
  if (role === 'dcmqrscp') {
    mkdirSync(join(dir, 'db'));
    const cfg = [
      `NetworkTCPPort = ${port}`,
      'MaxPDUSize = 16384',
      'MaxAssociations = 16',
      'HostTable BEGIN',
      'HostTable END',
      'VendorTable BEGIN',
      'VendorTable END',
      'AETable BEGIN',
      `${aeTitle} ${join(dir, 'db')} RW (10, 1024mb) ANY`,
      'AETable END',
    ].join('\n');
    writeFileSync(join(dir, 'dcmqrscp.cfg'), `${cfg}\n`);
    args = ['-c', join(dir, 'dcmqrscp.cfg'), String(port)];
  } else {
    args = [...(role === 'storescp-refuse' ? ['--refuse'] : []), '-aet', aeTitle, '-od', dir, String(port)];
  }
  const bin = role === 'dcmqrscp' ? 'dcmqrscp' : 'storescp';
  const child: ChildProcess = spawn(`/usr/bin/${bin}`, args, { env: { ...process.env, LD_PRELOAD: LOOPBACK_SHIM }, stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) break;
    if (await accepts(port)) {
      const address = listeningAddress(port);
      if (address !== '127.0.0.1') {
        await stop();
        throw new Error(`${bin} listens on ${address ?? 'an unknown address'}, expected 127.0.0.1 (loopback shim not applied?)`);
      }
      return { port, stop };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stop();
  throw new Error(`${bin} did not start on port ${port}`);
}
