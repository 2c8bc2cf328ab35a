import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Behaviour } from './scenarios.js';

/** What the HTTP side needs to know from the simulator, asked afresh on every request. */
export interface SystemsView {
  /** Undefined for a path that names no simulated system. */
  behaviourOf(system: string): Behaviour | undefined;
  simulatedTime(): string;
  slowDelayMs(): number;
}

/** A hung request is dropped after this long even if the client never gives up, so nothing lingers. */
const HANG_CAP_MS = 120_000;

/**
 * One HTTP server on loopback playing every simulated system: the first path segment
 * names the system (`/synlab-results/api/health`), and the answer follows that
 * system's behaviour at the simulated moment the request arrives.
 */
export class HttpSystems {
  private readonly server: Server;
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Requests seen per flapping system: odd ones succeed, even ones fail, so every other check fails. */
  private readonly flapCounts = new Map<string, number>();

  constructor(private readonly view: SystemsView) {
    this.server = createServer((req, res) => this.handle(req, res));
  }

  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve((this.server.address() as AddressInfo).port));
    });
  }

  /** Closes the server and every connection, hung or kept alive, at once. */
  close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    return new Promise((resolve) => {
      if (!this.server.listening) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private later(ms: number, fn: () => void): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
    return t;
  }

  private forget(t: NodeJS.Timeout): void {
    clearTimeout(t);
    this.timers.delete(t);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://sim').pathname;
    const system = path.split('/')[1] ?? '';
    const behaviour = this.view.behaviourOf(system);
    if (behaviour === undefined) return this.json(res, 404, { status: 'unknown-system', system, simulated: true });
    switch (this.resolveFlapping(system, behaviour)) {
      case 'healthy':
        return this.ok(res, system, path);
      case 'slow': {
        const t = this.later(this.view.slowDelayMs(), () => this.ok(res, system, path));
        res.once('close', () => this.forget(t)); // the client gave up: no timer left behind
        return;
      }
      case 'unavailable':
        return this.json(res, 503, { status: 'unavailable', system, simulated: true, simulatedTime: this.view.simulatedTime() });
      case 'reset':
        // RST instead of FIN: the probe sees ECONNRESET, as behind an overloaded load balancer.
        req.socket.resetAndDestroy();
        return;
      case 'hang': {
        // Say nothing: the client's own timeout is what fails the check.
        const t = this.later(HANG_CAP_MS, () => req.socket.destroy());
        res.once('close', () => this.forget(t)); // the client gave up: no timer left behind
        return;
      }
      case 'flapping':
        return; // resolved above; kept for an exhaustive switch
    }
  }

  private resolveFlapping(system: string, behaviour: Behaviour): Behaviour {
    if (behaviour !== 'flapping') return behaviour;
    const n = (this.flapCounts.get(system) ?? 0) + 1;
    this.flapCounts.set(system, n);
    return n % 2 === 1 ? 'healthy' : 'unavailable';
  }

  private ok(res: ServerResponse, system: string, path: string): void {
    if (path === `/${system}/fhir/metadata`) return this.json(res, 200, capabilityStatement(system, this.view.simulatedTime()), FHIR_JSON);
    this.json(res, 200, { status: 'ok', system, simulated: true, simulatedTime: this.view.simulatedTime() });
  }

  private json(res: ServerResponse, status: number, body: object, contentType = 'application/json'): void {
    if (res.destroyed) return; // the client gave up while we were being slow
    res.writeHead(status, { 'content-type': contentType, 'x-lifeline-demo': 'simulated' });
    res.end(JSON.stringify(body));
  }
}

const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** A FHIR R4 CapabilityStatement for `/<system>/fhir/metadata`: a simulated server, read and search on a few types. */
export function capabilityStatement(system: string, simulatedTime: string): object {
  const resource = (type: string) => ({ type, interaction: [{ code: 'read' }, { code: 'search-type' }] });
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: simulatedTime,
    kind: 'instance',
    software: { name: `Lifeline demo simulator (${system}, simulated)` },
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [{ mode: 'server', resource: ['Patient', 'DocumentReference', 'DiagnosticReport'].map(resource) }],
  };
}
