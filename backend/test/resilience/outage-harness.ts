import { createServer, type Server } from 'node:http';
import type { TickEvent } from '@lifeline/shared';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { AuditService } from '../../src/audit/audit.service.js';
import { HistoryWriterService } from '../../src/history/history-writer.service.js';
import { FaultProxy } from '../support/fault-proxy.js';
import { embeddedDatabase, serverDatabase, type TestDatabase } from '../support/test-database.js';
import type { TestApp } from '../support/test-app.js';

/** The machine's PostgreSQL when TEST_DATABASE_URL is set, else an embedded one; the app reaches it through the fault proxy. */
export interface CutDatabase {
  db: TestDatabase;
  proxy: FaultProxy;
  /** DATABASE_URL for the app: the proxy's port. */
  appUrl: string;
  /** Direct, for the test's own queries. */
  client: pg.Client;
  down(): Promise<unknown>;
  up(): Promise<unknown>;
  close(): Promise<void>;
}

export async function cutDatabase(): Promise<CutDatabase> {
  const db = process.env.TEST_DATABASE_URL ? await serverDatabase(process.env.TEST_DATABASE_URL) : await embeddedDatabase();
  const proxy = await FaultProxy.start();
  const direct = new URL(db.url);
  const listen = await proxy.create('pg', Number(direct.port || 5432));
  const viaProxy = new URL(db.url);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(listen);
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  return {
    db,
    proxy,
    appUrl: viaProxy.toString(),
    client,
    down: () => proxy.setEnabled('pg', false),
    up: () => proxy.setEnabled('pg', true),
    async close() {
      await client.end().catch(() => undefined);
      await proxy.stop();
      await db.drop();
    },
  };
}

/** A loopback HTTP target for every check; `failing` ids answer 500. */
export async function httpTarget(): Promise<{ port: number; failing: Set<string>; close(): void }> {
  const failing = new Set<string>();
  const server: Server = createServer((req, res) => {
    const id = (req.url ?? '').slice(1);
    res.statusCode = failing.has(id) ? 500 : 200;
    res.end('ok');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as { port: number }).port,
    failing,
    close() {
      server.close();
      server.closeAllConnections();
    },
  };
}

export function catalogYaml(port: number, count: number): string {
  const integrations = Array.from(
    { length: count },
    (_, i) => `  - id: link-${i}
    name: Link ${i}
    side: external
    category: lab
    partner: Partner ${i % 4}
    checks:
      - { kind: http, url: "http://127.0.0.1:${port}/link-${i}" }`,
  );
  return `site: { name: Outage Hospital, timezone: Europe/Brussels }
defaults: { interval: 500ms, timeout: 400ms, failuresToDown: 2, successesToRecover: 2 }
incidents: { settle: 500ms, coolDown: 5m }
integrations:
${integrations.join('\n')}
`;
}

/** Everything the app handed to its history writer, seen in-process. */
export interface Observed {
  results: string[];
  transitions: string[];
  stop(): void;
}

export const resultKey = (checkId: string, startedAt: number) => `${checkId}|${startedAt}`;

export function observe(app: TestApp): Observed {
  const writer = app.app.get(HistoryWriterService);
  const results: string[] = [];
  const transitions: string[] = [];
  const addResult = writer.addResult.bind(writer);
  writer.addResult = (row) => {
    results.push(resultKey(row.observation.checkId, row.observation.startedAt));
    addResult(row);
  };
  const sub = writer.transitionAdded.subscribe((t) => transitions.push(t.writeId!));
  return {
    results,
    transitions,
    stop() {
      writer.addResult = addResult;
      sub.unsubscribe();
    },
  };
}

/** 'drained' once nothing waits on disk and both writers are happy; else what still waits. */
export function drainState(app: TestApp): string {
  const writer = app.app.get(HistoryWriterService);
  const audit = app.app.get(AuditService);
  // Not `pending === 0`: probes keep adding results between flushes.
  if (writer.spooled === 0 && audit.spooled === 0 && !writer.lastError && !audit.lastError) return 'drained';
  return JSON.stringify({ spooled: writer.spooled, pending: writer.pending, audit: audit.pending, writerError: writer.lastError?.message, auditError: audit.lastError?.message });
}

/** How many times each result key and each transition write id is stored. */
export async function storedCounts(client: pg.Client): Promise<{ results: Map<string, number>; transitions: Map<string, number> }> {
  const r = await client.query<{ check_id: string; ms: string; n: string }>(
    `SELECT c."check_id", round(extract(epoch FROM r."started_at") * 1000)::bigint AS "ms", count(*) AS "n"
       FROM "result" r JOIN "result_check" c ON c."ref" = r."check_ref" GROUP BY 1, 2`,
  );
  const t = await client.query<{ write_id: string; n: string }>(`SELECT "write_id", count(*) AS "n" FROM "state_transition" WHERE "write_id" IS NOT NULL GROUP BY 1`);
  return {
    results: new Map(r.rows.map((row) => [resultKey(row.check_id, Number(row.ms)), Number(row.n)])),
    transitions: new Map(t.rows.map((row) => [row.write_id, Number(row.n)])),
  };
}

/** The /live ticks a wall would see. */
export function wallTicks(app: TestApp, token: string): { ticks: TickEvent[]; socket: Socket } {
  const ticks: TickEvent[] = [];
  const socket = io(`${app.url}/live`, { transports: ['websocket'], auth: { token } });
  socket.on('tick', (e: TickEvent) => ticks.push(e));
  return { ticks, socket };
}
