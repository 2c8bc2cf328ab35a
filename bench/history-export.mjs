#!/usr/bin/env node
// Benchmark of the history store and the audit export (a script, not a test): see bench/README.md.
//
//   npm run build -w shared && npm run build -w backend
//   node bench/history-export.mjs            # seed (once), rollups, exports, writer throughput
//   node bench/history-export.mjs seed|exports|writer
//
// Environment: BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/test; the bench makes
// its own databases next to it), BENCH_DAYS (30), BENCH_INTEGRATIONS (1000), BENCH_INTERVAL_S
// (30), BENCH_RESEED=1 to seed again, BENCH_FORMATS (json,csv,pdf).
import 'reflect-metadata';
import { fork } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const dist = (path) => import(new URL(`../backend/dist/${path}`, import.meta.url).href);
const { buildDataSourceOptions } = await dist('database/data-source-options.js');
const { DataSource } = await import('typeorm');

const env = process.env;
const BASE_URL = env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const DAYS = Number(env.BENCH_DAYS || 30);
const INTEGRATIONS = Number(env.BENCH_INTEGRATIONS || 1000);
const INTERVAL_S = Number(env.BENCH_INTERVAL_S || 30);
const FORMATS = (env.BENCH_FORMATS || 'json,csv,pdf').split(',');
const DAY = 86_400_000;
const SEED_DB = 'lifeline_bench';
// The seeded month ends at the start of today (UTC), so the export window is whole days.
const END = Math.floor(Date.now() / DAY) * DAY;
const START = END - DAYS * DAY;
const PER_DAY = INTEGRATIONS * (86_400 / INTERVAL_S);

const log = (...a) => console.error(new Date().toISOString().slice(11, 19), ...a);
const urlFor = (db) => Object.assign(new URL(BASE_URL), { pathname: `/${db}` }).toString();
const hwmMb = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;
const rssMb = () => process.memoryUsage().rss / 1024 / 1024;
const quiet = { log: () => undefined, warn: () => undefined, error: console.error, debug: () => undefined, verbose: () => undefined };

async function admin(sql) {
  const c = new pg.Client({ connectionString: BASE_URL });
  await c.connect();
  try {
    return await c.query(sql);
  } finally {
    await c.end();
  }
}

async function open(url, migrate = true) {
  const db = new DataSource({ ...buildDataSourceOptions(url), migrationsRun: migrate, logging: false, extra: { max: 4 } });
  await db.initialize();
  return db;
}

async function timed(label, fn) {
  const t = performance.now();
  const out = await fn();
  const s = (performance.now() - t) / 1000;
  log(`${label}: ${s.toFixed(1)} s`);
  return [out, s];
}

// ---- seed -------------------------------------------------------------------------------

async function seed() {
  const exists = (await admin(`SELECT 1 FROM pg_database WHERE datname = '${SEED_DB}'`)).rowCount > 0;
  if (exists && !env.BENCH_RESEED) {
    const db = await open(urlFor(SEED_DB), false);
    const [marker] = await db.query(`SELECT "value", "report" FROM "bench_marker"`).catch(() => []);
    await db.destroy();
    if (marker && marker.value === `${DAYS}/${INTEGRATIONS}/${INTERVAL_S}/${END}`) {
      log(`reusing the seeded database ${SEED_DB} (${marker.value})`);
      return marker.report;
    }
  }
  await admin(`DROP DATABASE IF EXISTS ${SEED_DB} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${SEED_DB}`);
  const db = await open(urlFor(SEED_DB));
  const { PartitionsService } = await dist('history/partitions.service.js');
  const { dayPartitionFor } = await dist('history/partition-plan.js');
  const partitions = new PartitionsService(db, { resultsRetentionDays: DAYS + 5 }, () => END);
  for (let d = START; d < END + 3 * DAY; d += DAY) await partitions.ensure(dayPartitionFor(d));

  await db.query(`INSERT INTO "integration" ("id", "name", "side", "category", "partner", "criticality", "role")
    SELECT 'bench-' || lpad(i::text, 4, '0'), 'Bench integration ' || i, CASE WHEN i % 10 = 0 THEN 'internal' ELSE 'external' END,
           'lab', 'Partner ' || (i % 50), 'medium', 'service' FROM generate_series(1, ${INTEGRATIONS}) i`);

  // Results: every integration every INTERVAL_S, phase-spread; ~0.2 % failures, and one
  // morning a day (08:00-11:00 UTC) when 40 % of them fail. One check per integration, whose
  // ref is its number.
  await db.query(`INSERT INTO "result_check" ("ref", "check_id", "integration_id")
    SELECT i, 'bench-' || lpad(i::text, 4, '0') || '#0', 'bench-' || lpad(i::text, 4, '0') FROM generate_series(1, ${INTEGRATIONS}) i`);
  await db.query(`SELECT setval(pg_get_serial_sequence('"result_check"', 'ref'), ${INTEGRATIONS})`);
  const perDay = 86_400 / INTERVAL_S;
  let seedSeconds = 0;
  for (let d = 0; d < DAYS; d++) {
    const day = new Date(START + d * DAY).toISOString();
    const [, s] = await timed(`results day ${d + 1}/${DAYS} (${PER_DAY.toLocaleString()} rows)`, () =>
      db.query(`INSERT INTO "result" ("check_ref", "started_at", "duration_ms", "error_class")
        SELECT i, ts, CASE WHEN bad THEN 10000 ELSE 40 + (random() * 160)::int END, CASE WHEN bad THEN 'timeout' END
          FROM (SELECT i, $1::timestamptz + make_interval(secs => k * ${INTERVAL_S} + (i % ${INTERVAL_S}) + (i * 0.001)) AS ts,
                       (k * ${INTERVAL_S} BETWEEN 28800 AND 39600 AND i % 5 < 2) OR random() < 0.002 AS bad
                  FROM generate_series(0, ${perDay - 1}) k, generate_series(1, ${INTEGRATIONS}) i) r`, [day]),
    );
    seedSeconds += s;
  }

  // Transitions: each failing integration degrades at 08:00 and recovers at 11:00, every day.
  await db.query(`INSERT INTO "state_transition" ("integration_id", "from_status", "to_status", "at", "reasons")
    SELECT 'bench-' || lpad(i::text, 4, '0'), f, t, $1::timestamptz + make_interval(days => d, secs => s + i * 0.01), $2::jsonb
      FROM generate_series(1, ${INTEGRATIONS}) i, generate_series(0, ${DAYS - 1}) d,
           (VALUES ('operational', 'degraded', 28800), ('degraded', 'down', 28860), ('down', 'operational', 39660)) AS x(f, t, s)
     WHERE i % 5 < 2`, [new Date(START).toISOString(), JSON.stringify(['seeded: 2 failures in a row: timeout'])]);

  // One perimeter incident a day with its members, an acknowledgement and a note.
  const failing = Array.from({ length: INTEGRATIONS }, (_, n) => n + 1).filter((i) => i % 5 < 2);
  for (let d = 0; d < DAYS; d++) {
    const opened = START + d * DAY + 28_800_000;
    const resolved = START + d * DAY + 39_660_000;
    const id = `inc-bench-${d}`;
    const state = {
      id, key: 'perimeter', kind: 'perimeter', title: 'Many external links at once: internet connection or provider', status: 'operational', worst: 'down',
      openedAt: opened, updatedAt: resolved, resolvedAt: resolved,
      members: failing.map((i) => ({ integrationId: `bench-${String(i).padStart(4, '0')}`, name: `Bench integration ${i}`, side: i % 10 === 0 ? 'internal' : 'external', partner: `Partner ${i % 50}`, joinedAt: opened, status: 'operational', worst: 'down', leftAt: resolved, leftAs: 'recovered' })),
      timeline: [{ at: opened, text: 'opened' }, { at: resolved, text: 'resolved' }],
    };
    await db.query(`INSERT INTO "incident" ("id", "key", "kind", "title", "status", "opened_at", "resolved_at", "closed", "state") VALUES ($1, 'perimeter', 'perimeter', $2, 'operational', $3, $4, true, $5)`,
      [id, state.title, new Date(opened), new Date(resolved), JSON.stringify(state)]);
    await db.query(`INSERT INTO "incident_annotation" ("incident_id", "kind", "author", "text", "at") VALUES ($1, 'ack', 'Bench Operator <op@bench.test>', 'on it', $2), ($1, 'note', 'Bench Operator <op@bench.test>', 'provider called', $3)`,
      [id, new Date(opened + 600_000), new Date(opened + 1_200_000)]);
  }

  // An audit log of 100k rows, through the real append path.
  const { AuditService } = await dist('audit/audit.service.js');
  const audit = new AuditService(db, Date.now);
  const [, auditSeconds] = await timed('audit log: 100,000 appends', async () => {
    for (let n = 0; n < 100_000; n++) audit.append('transition', `bench-${String((n % INTEGRATIONS) + 1).padStart(4, '0')}`, 'system', { from: 'operational', to: 'degraded', n });
    await audit.flushed();
  });
  const { AuditVerifyService } = await dist('audit/audit-verify.service.js');
  const [verify, verifySeconds] = await timed('audit verify', () => new AuditVerifyService(db).verify());

  await timed('ANALYZE', () => db.query('ANALYZE'));
  const { RollupsService } = await dist('history/rollups.service.js');
  const rollups = new RollupsService(db, { batchesWritten: { subscribe: () => ({ unsubscribe() {} }) } }, { rollupRetentionDays: 730, resultsRetentionDays: DAYS + 5 }, () => END);
  const [rollupRows, rollupSeconds] = await timed('rollups of the whole month', () => rollups.rollUp(START, END));
  await timed('ANALYZE', () => db.query('ANALYZE'));
  const [[{ results }], [{ transitions }], [{ size }]] = await Promise.all([
    db.query(`SELECT count(*)::bigint AS "results" FROM "result"`),
    db.query(`SELECT count(*)::int AS "transitions" FROM "state_transition"`),
    db.query(`SELECT pg_size_pretty(pg_database_size(current_database())) AS "size"`),
  ]);
  const out = {
    results: Number(results), transitions, rollupRows, databaseSize: size,
    seedRowsPerSecond: Math.round((DAYS * PER_DAY) / seedSeconds), rollupSeconds: Math.round(rollupSeconds), rollupRowsPerSecond: Math.round((DAYS * PER_DAY) / rollupSeconds),
    auditAppendsPerSecond: Math.round(100_000 / auditSeconds), verifyRowsPerSecond: Math.round(verify.rows / verifySeconds), verifyOk: verify.ok,
  };
  // What was seeded, and how fast: a later run on the same scale and day reuses the database.
  await db.query(`CREATE TABLE "bench_marker" ("value" text, "report" jsonb)`);
  await db.query(`INSERT INTO "bench_marker" VALUES ($1, $2)`, [`${DAYS}/${INTEGRATIONS}/${INTERVAL_S}/${END}`, JSON.stringify(out)]);
  await db.destroy();
  return out;
}

// ---- one export, in a child process so its peak memory is its own ------------------------

async function exportChild(format) {
  const { Logger } = await import('@nestjs/common');
  Logger.overrideLogger(quiet);
  const before = rssMb();
  const db = await open(urlFor(SEED_DB), false);
  const { AuditService } = await dist('audit/audit.service.js');
  const { ExportService } = await dist('export/export.service.js');
  const dir = mkdtempSync(join(tmpdir(), 'lifeline-bench-'));
  const catalog = { catalog: { site: { name: 'Bench Hospital', timezone: 'Europe/Brussels' } } };
  const exports = new ExportService(db, new AuditService(db, Date.now), catalog, { dataDir: dir }, Date.now);
  exports.onModuleInit();
  const idle = hwmMb();
  let peakHeap = 0;
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed / 1024 / 1024)), 50);
  const t = performance.now();
  const file = await exports.create({ from: START, to: END, format, integrations: null, by: 'bench' });
  const seconds = (performance.now() - t) / 1000;
  clearInterval(sampler);
  rmSync(dir, { recursive: true, force: true });
  await db.destroy();
  process.send({ format, seconds, bytes: file.bytes, rssBeforeMb: Math.round(before), rssIdleMb: Math.round(idle), peakRssMb: Math.round(hwmMb()), peakHeapMb: Math.round(peakHeap) });
}

function runChild(format) {
  return new Promise((resolve, reject) => {
    const child = fork(new URL(import.meta.url).pathname, ['export-child', format], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', resolve);
    child.once('exit', (code) => (code ? reject(new Error(`export ${format} exited ${code}`)) : undefined));
  });
}

async function exports() {
  const out = [];
  for (const format of FORMATS) {
    log(`export ${format} of ${DAYS} days × ${INTEGRATIONS} integrations…`);
    const r = await runChild(format);
    log(`export ${format}: ${r.seconds.toFixed(1)} s, ${(r.bytes / 1e6).toFixed(1)} MB, peak RSS ${r.peakRssMb} MB (idle ${r.rssIdleMb} MB), peak heap ${r.peakHeapMb} MB`);
    out.push(r);
  }
  return out;
}

// ---- history writer throughput on both databases -----------------------------------------

async function writerOn(label, url) {
  const { HistoryWriterService } = await dist('history/history-writer.service.js');
  const db = await open(url);
  const writer = new HistoryWriterService(db);
  const rows = [];
  for (const batch of [1_000, 10_000, 50_000]) {
    const total = 200_000;
    let t0 = Date.now() - 3_600_000;
    let queueNs = 0;
    const start = performance.now();
    for (let done = 0; done < total; done += batch) {
      const q = process.hrtime.bigint();
      for (let n = 0; n < batch; n++) {
        const i = n % INTEGRATIONS;
        writer.addResult({ integrationId: `w-${i}`, observation: { checkId: `w-${i}#0`, startedAt: (t0 += 3), durationMs: 80 + (n % 50), ok: n % 97 !== 0, ...(n % 97 === 0 ? { failure: { stage: 'connect', errorClass: 'timeout', message: 'no answer within 5 s' } } : {}) } });
      }
      queueNs += Number(process.hrtime.bigint() - q);
      await writer.flush();
      if (writer.lastError) throw new Error(writer.lastError.message);
    }
    const seconds = (performance.now() - start) / 1000;
    const r = { database: label, batch, rows: total, rowsPerSecond: Math.round(total / seconds), queueNsPerRow: Math.round(queueNs / total) };
    log(`writer on ${label}, ${batch.toLocaleString()} rows per statement: ${r.rowsPerSecond.toLocaleString()} rows/s (queueing ${r.queueNsPerRow} ns/row)`);
    rows.push(r);
  }
  await db.destroy();
  return rows;
}

async function writer() {
  const out = [];
  await admin(`DROP DATABASE IF EXISTS lifeline_bench_writer WITH (FORCE)`);
  await admin(`CREATE DATABASE lifeline_bench_writer`);
  try {
    out.push(...(await writerOn('PostgreSQL server', urlFor('lifeline_bench_writer'))));
  } finally {
    await admin(`DROP DATABASE IF EXISTS lifeline_bench_writer WITH (FORCE)`);
  }
  const { EmbeddedDatabase } = await dist('database/embedded-database.js');
  const dir = mkdtempSync(join(tmpdir(), 'lifeline-bench-'));
  chmodSync(dir, 0o755);
  const embedded = new EmbeddedDatabase(dir);
  try {
    out.push(...(await writerOn('embedded PostgreSQL 16', await embedded.start())));
  } finally {
    await embedded.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

// ---- main --------------------------------------------------------------------------------

const [mode = 'all', arg] = process.argv.slice(2);
if (mode === 'export-child') {
  await exportChild(arg);
  process.exit(0);
}
const { Logger } = await import('@nestjs/common');
Logger.overrideLogger(quiet);
const [server] = (await admin('SHOW server_version')).rows;
const report = { scale: { days: DAYS, integrations: INTEGRATIONS, intervalSeconds: INTERVAL_S, rows: DAYS * PER_DAY }, server: `PostgreSQL ${server.server_version}`, node: process.version };
if (mode === 'all' || mode === 'seed' || mode === 'exports') report.seed = await seed();
if (mode === 'all' || mode === 'exports') report.exports = await exports();
if (mode === 'all' || mode === 'writer') report.writer = await writer();
console.log(JSON.stringify(report, null, 2));
process.exit(0);
