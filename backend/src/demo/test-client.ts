// Test-only helpers: a plain client that talks to a started DemoSimulator the way a probe
// would (a fresh connection per request), and reads targets out of the rendered catalog.
import { validateCatalog, type Integration } from '@lifeline/shared';
import { get } from 'node:http';
import { Socket } from 'node:net';
import { parse } from 'yaml';

export interface Target {
  id: string;
  side: Integration['side'];
  role: Integration['role'];
  urls: string[];
  tcpPorts: number[];
}

export interface DemoTargets {
  targets: Target[];
  byId(id: string): Target;
  timeoutMs: number;
  degradedAboveMs: number;
}

export function targetsOf(catalogYaml: string): DemoTargets {
  const result = validateCatalog(parse(catalogYaml));
  if (!result.ok) throw new Error(`rendered demo catalog is invalid: ${JSON.stringify(result.errors)}`);
  const targets = result.catalog.integrations.map((i) => ({
    id: i.id,
    side: i.side,
    role: i.role,
    urls: i.checks.flatMap((c) => (c.kind === 'http' ? [c.url] : [])),
    tcpPorts: i.checks.flatMap((c) => (c.kind === 'tcp' ? [c.port] : [])),
  }));
  const first = result.catalog.integrations[0].checks[0];
  const byId = (id: string): Target => {
    const target = targets.find((t) => t.id === id);
    if (!target) throw new Error(`the demo catalog has no integration "${id}"`);
    return target;
  };
  return {
    targets,
    byId,
    timeoutMs: first.timeout,
    degradedAboveMs: first.degradedAboveMs ?? 0,
  };
}

export interface Answer {
  status?: number;
  body?: { status?: string; simulated?: boolean };
  /** `timeout` when no answer came in time; otherwise the socket error code (ECONNRESET, ECONNREFUSED). */
  error?: string;
  ms: number;
}

/** One GET on a fresh connection, given up after `timeoutMs` like a probe would. */
export function hit(url: string, timeoutMs: number): Promise<Answer> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    const req = get(url, { agent: false, signal: AbortSignal.timeout(timeoutMs) }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(text) as Answer['body'], ms: ms() }));
      res.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message, ms: ms() }));
    });
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.name === 'AbortError' ? 'timeout' : (err.code ?? err.message), ms: ms() }));
  });
}

/** Whether a TCP connect to loopback `port` succeeds: `open`, or the error code. */
export function connect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once('connect', () => (socket.destroy(), resolve('open')));
    socket.once('error', (err: NodeJS.ErrnoException) => (socket.destroy(), resolve(err.code ?? err.message)));
    socket.connect({ host: '127.0.0.1', port });
  });
}

/** `HH:MM` of a simulator's clock, from the ISO time its info() reports. */
export function simHhmm(simulatedTime: string | undefined): string {
  return (simulatedTime ?? '').slice(11, 16);
}
