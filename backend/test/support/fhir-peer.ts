import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

const require = createRequire(import.meta.url);

/** How the peer behaves; switch it between tests. */
export type FhirPeerMode =
  | 'ok'
  | 'error' // every request: 500 + OperationOutcome, through the framework's own error path
  | 'wrong' // /metadata: 200 text/html, a "maintenance page"
  | 'not-capability' // /metadata: 200 application/fhir+json, but a Patient
  | 'hang'; // accepts the request, never answers

export interface FhirPeer {
  port: number;
  baseUrl: string;
  mode: FhirPeerMode;
  stop(): Promise<void>;
}

type Handler = (req: { url: string; path: string }, res: FhirRes, next: (err?: unknown) => void) => void;
interface FhirRes {
  type(t: string): FhirRes;
  status(n: number): FhirRes;
  send(body: string): void;
}
interface FhirCore {
  initialize(config: unknown, app: unknown): { app: (req: unknown, res: unknown) => void };
  constants: { VERSIONS: Record<string, string> };
  resolveSchema(version: string, name: string): new (data: unknown) => unknown;
  ServerError: new (message: string, options: unknown) => Error;
}

/**
 * @asymmetrik/node-fhir-server-core 2.2.5 in-process with an in-memory Patient service (read and
 * search), as the peers kit's fhir-peer.js runs it: routes also answered at the root (the
 * framework mounts them under /4_0_0/), `application/fhir+json` preset (the framework says
 * application/json for /metadata). The framework's own `listen()` refuses port 0, so its
 * express app is served by our http server on 127.0.0.1:0.
 */
export async function startFhirPeer(initial: FhirPeerMode = 'ok'): Promise<FhirPeer> {
  const corePath = require.resolve('@asymmetrik/node-fhir-server-core');
  const core = require(corePath) as FhirCore;
  const express = require(require.resolve('express', { paths: [dirname(corePath)] })) as () => { use(h: Handler): void };
  const VERSION = core.constants.VERSIONS['4_0_0'];
  const Patient = core.resolveSchema(VERSION, 'patient');
  const Bundle = core.resolveSchema(VERSION, 'bundle');
  const PATIENTS: Record<string, object> = {
    example: { resourceType: 'Patient', id: 'example', active: true, name: [{ family: 'Doe', given: ['John'] }] },
  };
  const patientService = {
    searchById: async (args: { id: string }) => {
      const p = PATIENTS[args.id];
      if (!p) throw new core.ServerError('Patient not found', { statusCode: 404, issue: [{ severity: 'error', code: 'not-found', details: { text: `Patient/${args.id} not found` } }] });
      return new Patient(p);
    },
    search: async () => new Bundle({ resourceType: 'Bundle', type: 'searchset', total: 1, entry: Object.values(PATIENTS).map((p) => ({ resource: new Patient(p) })) }),
  };

  const peer: FhirPeer = { port: 0, baseUrl: '', mode: initial, stop: async () => undefined };
  const app = express();
  app.use((req, res, next) => {
    if (!/^\/(4_0_0)(\/|$)/.test(req.url)) req.url = `/${VERSION}${req.url}`;
    res.type('application/fhir+json');
    if (peer.mode === 'hang') return;
    if (peer.mode === 'error') {
      return next(new core.ServerError('Injected failure', { statusCode: 500, issue: [{ severity: 'error', code: 'exception', details: { text: 'test peer fails on purpose' } }] }));
    }
    if (/metadata/.test(req.url) && peer.mode === 'wrong') return res.status(200).type('text/html').send('<html><body>Maintenance page</body></html>');
    if (/metadata/.test(req.url) && peer.mode === 'not-capability') return res.status(200).send(JSON.stringify(PATIENTS.example));
    next();
  });
  const fhir = core.initialize({ server: { port: 1, host: '127.0.0.1' }, logging: { level: 'error' }, profiles: { patient: { service: patientService, versions: [VERSION] } } }, app);
  const server: Server = createServer(fhir.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  peer.port = (server.address() as AddressInfo).port;
  peer.baseUrl = `http://127.0.0.1:${peer.port}`;
  peer.stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return peer;
}
