import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.js';

const SCRIPT = fileURLToPath(new URL('./fault-proxy.cjs', import.meta.url));

export type Toxic =
  | { type: 'latency'; attributes: { latency: number; jitter?: number }; stream?: 'upstream' | 'downstream' }
  | { type: 'bandwidth'; attributes: { rate: number } }
  | { type: 'timeout'; attributes: { timeout: number } }
  | { type: 'reset_peer'; attributes: { timeout: number } }
  | { type: 'slow_close'; attributes: { delay: number } }
  | { type: 'limit_data'; attributes: { bytes: number } };

/**
 * The Toxiproxy-compatible fault proxy (test/support/fault-proxy.cjs) in a child process,
 * on free loopback ports, with a small client for its REST API.
 */
export class FaultProxy {
  private constructor(
    private readonly child: ChildProcess,
    private readonly api: string,
  ) {}

  static async start(): Promise<FaultProxy> {
    const port = await freePort();
    const child = spawn(process.execPath, [SCRIPT, '--api', `127.0.0.1:${port}`], {
      env: { ...process.env, FAULT_PROXY_QUIET: '1' },
      stdio: 'ignore',
    });
    const proxy = new FaultProxy(child, `http://127.0.0.1:${port}`);
    for (let i = 0; i < 100; i++) {
      try {
        await fetch(`${proxy.api}/version`);
        return proxy;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    child.kill();
    throw new Error('fault proxy did not start');
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.api}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`fault proxy ${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  }

  /** Creates a proxy in front of `upstreamPort`; returns the port clients should use. */
  async create(name: string, upstreamPort: number, protocol: 'tcp' | 'udp' = 'tcp'): Promise<number> {
    const listen = await freePort();
    await this.call('POST', '/proxies', { name, listen: `127.0.0.1:${listen}`, upstream: `127.0.0.1:${upstreamPort}`, protocol });
    return listen;
  }

  addToxic(proxy: string, toxic: Toxic & { name?: string; toxicity?: number }): Promise<unknown> {
    return this.call('POST', `/proxies/${proxy}/toxics`, toxic);
  }

  setEnabled(proxy: string, enabled: boolean): Promise<unknown> {
    return this.call('POST', `/proxies/${proxy}`, { enabled });
  }

  reset(): Promise<unknown> {
    return this.call('POST', '/reset');
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill('SIGTERM');
    });
  }
}
