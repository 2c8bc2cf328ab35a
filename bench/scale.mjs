#!/usr/bin/env node
// Scale benchmark of one instance (a script, not a test): see bench/README.md.
//
//   npm run build -w shared && npm run build -w backend
//   node bench/scale.mjs                 # every level, then the fan-out
//   BENCH_LEVELS=1000x30 node bench/scale.mjs
//
// Each level: the built backend on a fresh database of the local PostgreSQL with N HTTP
// checks against a target server on 127.0.0.1; after a warm-up, a measured window: the
// backend's CPU and RSS (/proc), PostgreSQL's CPU (all `postgres` processes), schedule lag
// (request arrival − the check's planned slot, from the target's side, and the scheduler's
// own figures from /api/health), results written per second, database growth per day.
// Fan-out: 500 socket.io clients; targets are made to fail one by one and each client's
// `integration.updated` arrival is timed against the status change time (`since`).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { io } from 'socket.io-client';

const { phaseOf } = await import(new URL('../backend/dist/scheduler/check-plan.js', import.meta.url).href);
const env = process.env;
const BASE_URL = env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const LEVELS = (env.BENCH_LEVELS || '1000x30,5000x30,10000x30,1000x20').split(',').map((l) => l.split('x').map(Number));
const WARMUP_S = Number(env.BENCH_WARMUP_S || 60);
const MEASURE_S = Number(env.BENCH_MEASURE_S || 45);
const CLIENTS = Number(env.BENCH_CLIENTS || 500);
const NODE_FLAGS = (env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
const DB = env.BENCH_DB_NAME || 'lifeline_bench_scale';
const ADMIN = { email: 'bench@lifeline.test', password: 'bench-password-long-enough' };
const TICK = 100; // USER_HZ
const log = (...a) => console.error(new Date().toISOString().slice(11, 19), ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN;
};
const urlFor = (db) => Object.assign(new URL(BASE_URL), { pathname: `/${db}` }).toString();

function cpuTicks(pid) {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(f[11]) + Number(f[12]);
}
const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
/** CPU ticks of every `postgres` process, by pid (a delta counts only processes alive at both ends). */
function postgresTicks() {
  const byPid = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/stat`, 'utf8').includes('(postgres)')) byPid.set(d, cpuTicks(d));
    } catch {}
  }
  return byPid;
}
const deltaTicks = (a, b) => [...b].reduce((sum, [pid, t]) => sum + (a.has(pid) ? t - a.get(pid) : 0), 0);

/** The target: answers 200 (or 503 for ids in `failing`), logs each request's arrival. */
async function target() {
  const arrivals = [];
  const failing = new Set();
  const failedAt = new Map();
  const server = createServer((req, res) => {
    const id = req.url.slice(3);
    arrivals.push({ id, at: Date.now() });
    if (failing.has(id)) {
      if (!failedAt.has(id)) failedAt.set(id, Date.now());
      res.statusCode = 503;
    }
    res.end('ok');
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${server.address().port}`, arrivals, failing, failedAt };
}

function catalog(n, intervalS, targetUrl, failuresToDown = 2) {
  const lines = [`site: { name: Bench }`, `defaults: { interval: ${intervalS}s, timeout: 5s, failuresToDown: ${failuresToDown} }`, `integrations:`];
  for (let i = 0; i < n; i++) {
    lines.push(`  - { id: t${i}, name: T${i}, side: external, category: lab, partner: P${i % 50}, criticality: high, clinician: { summary: s }, checks: [{ kind: http, url: "${targetUrl}/t/t${i}" }] }`);
  }
  return lines.join('\n') + '\n';
}

async function startBackend(dir, catalogYaml, db) {
  const file = join(dir, 'catalog.yaml');
  writeFileSync(file, catalogYaml);
  const port = 4500 + Math.floor(Math.random() * 400);
  const child = spawn(process.execPath, [...NODE_FLAGS, ...(env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${env.BENCH_CPU_PROF}`] : []), new URL('../backend/dist/main.js', import.meta.url).pathname], {
    env: { PATH: env.PATH, HOME: env.HOME, HOST: '127.0.0.1', PORT: String(port), DATABASE_URL: urlFor(db), CATALOG_FILE: file, DATA_DIR: join(dir, 'data'), ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  process.once('exit', () => child.kill('SIGKILL'));
  const deadline = Date.now() + 120_000;
  while (!/serving on/.test(out)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`backend did not start:\n${out}`);
    await sleep(100);
  }
  const url = `http://127.0.0.1:${port}`;
  const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  const { token } = await login.json();
  return { child, url, token, output: () => out };
}

async function stopBackend(b) {
  b.child.kill('SIGTERM');
  await Promise.race([new Promise((r) => b.child.once('exit', r)), sleep(20_000)]);
  b.child.kill('SIGKILL');
}

async function freshDb(admin, name) {
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
}

async function level(admin, n, intervalS) {
  const dir = mkdtempSync(join(tmpdir(), 'lifeline-bench-'));
  const db = DB;
  await freshDb(admin, db);
  const t = await target();
  const b = await startBackend(dir, catalog(n, intervalS, t.url), db);
  const c = new pg.Client({ connectionString: urlFor(db) });
  await c.connect();
  try {
    log(`${n} checks at ${intervalS} s: warming up ${WARMUP_S} s`);
    // The first round (every check new, every status a change) is not the steady state: its peak is reported apart.
    let startupRss = 0;
    for (let w = 0; w < WARMUP_S; w++) {
      await sleep(1000);
      startupRss = Math.max(startupRss, rssMb(b.child.pid));
    }
    const size0 = Number((await c.query('SELECT pg_database_size(current_database()) AS s')).rows[0].s);
    const [cpu0, pg0, t0, a0] = [cpuTicks(b.child.pid), postgresTicks(), Date.now(), t.arrivals.length];
    let rssMax = 0;
    for (let s = 0; s < MEASURE_S; s++) {
      await sleep(1000);
      rssMax = Math.max(rssMax, rssMb(b.child.pid));
    }
    const [cpu1, pg1, t1] = [cpuTicks(b.child.pid), postgresTicks(), Date.now()];
    await sleep(2500); // the writer's last batch of the window
    const written = Number((await c.query('SELECT count(*) AS n FROM "result" WHERE "started_at" >= to_timestamp($1 / 1000.0) AND "started_at" < to_timestamp($2 / 1000.0)', [t0, t1])).rows[0].n);
    const rowsNow = Number((await c.query('SELECT count(*) AS n FROM "result"')).rows[0].n);
    await c.query('CHECKPOINT').catch(() => undefined);
    const size1 = Number((await c.query('SELECT pg_database_size(current_database()) AS s')).rows[0].s);
    const health = await (await fetch(`${b.url}/api/health`, { headers: { authorization: `Bearer ${b.token}` } })).json();
    const wall = (t1 - t0) / 1000;
    const lags = t.arrivals.slice(a0).filter((r) => r.at <= t1).map((r) => {
      const iv = intervalS * 1000;
      return (((r.at - phaseOf(`${r.id}#0`, iv)) % iv) + iv) % iv;
    });
    const cpuS = (cpu1 - cpu0) / TICK;
    const runs = lags.length;
    return {
      level: `${n} × ${intervalS}s`,
      cpuPct: (100 * cpuS) / wall,
      cpuMsPerCheck: runs ? (cpuS * 1000) / runs : NaN,
      pgCpuPct: (100 * deltaTicks(pg0, pg1)) / TICK / wall,
      rssMb: rssMax,
      startupRssMb: startupRss,
      heapUsedMb: health.memory?.heapUsedMb,
      heapTotalMb: health.memory?.heapTotalMb,
      lagP50: pct(lags, 0.5),
      lagP99: pct(lags, 0.99),
      schedLagP50: health.scheduler?.lagP50Ms,
      schedLagP99: health.scheduler?.lagP99Ms,
      runsPerS: runs / wall,
      resultsPerS: written / wall,
      dbMbPerDay: ((size1 - size0) / 1024 / 1024) * (86_400 / wall),
      bytesPerResult: rowsNow ? (size1 - size0) / written : NaN,
    };
  } finally {
    await c.end();
    await stopBackend(b);
    t.server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function fanout(admin) {
  const dir = mkdtempSync(join(tmpdir(), 'lifeline-bench-'));
  const db = DB;
  await freshDb(admin, db);
  const t = await target();
  const n = Number(env.BENCH_FANOUT_CHECKS || 1000);
  const b = await startBackend(dir, catalog(n, 5, t.url, 1), db);
  const arrivals = new Map(); // integration id -> [receivedAt - since]
  const sockets = [];
  try {
    log(`fan-out: ${CLIENTS} clients, ${n} checks at 5 s`);
    for (let i = 0; i < CLIENTS; i++) {
      // In batches: each handshake checks the session in the database.
      if (i % 25 === 0) await Promise.allSettled(sockets.slice(-25));
      const s = io(`${b.url}/live`, { transports: ['websocket'], reconnection: false, auth: { token: b.token } });
      const seen = new Set();
      s.on('integration.updated', (p) => {
        // The first `down` per integration on each client: the status change itself.
        if (p.integration.status !== 'down' || seen.has(p.integration.id)) return;
        seen.add(p.integration.id);
        const list = arrivals.get(p.integration.id) ?? [];
        list.push(Date.now() - Date.parse(p.integration.since));
        arrivals.set(p.integration.id, list);
      });
      sockets.push(new Promise((resolve, reject) => { s.once('snapshot', () => resolve(s)); s.once('connect_error', reject); }));
    }
    const connected = [];
    for (let i = 0; i < sockets.length; i += 25) connected.push(...(await Promise.all(sockets.slice(i, i + 25))));
    log(`fan-out: ${connected.length} connected`);
    await sleep(8_000);
    const victims = Array.from({ length: 10 }, (_, i) => `t${i * 7}`);
    for (const v of victims) {
      t.failing.add(v);
      await sleep(6_000);
    }
    await sleep(2_000);
    const all = victims.flatMap((v) => arrivals.get(v) ?? []);
    for (const s of connected) s.close();
    return { clients: connected.length, failures: victims.length, samples: all.length, expected: victims.length * connected.length, p50: pct(all, 0.5), p99: pct(all, 0.99), max: Math.max(...all) };
  } finally {
    await stopBackend(b);
    t.server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const admin = new pg.Client({ connectionString: BASE_URL });
await admin.connect();
const rows = [];
const f = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '–');
try {
  for (const [n, iv] of LEVELS) {
    const r = await level(admin, n, iv);
    log(JSON.stringify(r));
    rows.push(r);
  }
  let fan;
  if (!env.BENCH_NO_FANOUT) {
    fan = await fanout(admin);
    log(JSON.stringify(fan));
  }
  console.log('| level | CPU % (node) | CPU ms/check | PostgreSQL CPU % | RSS MB (heap used / reserved) | RSS MB peak in warm-up | lag p50 / p99 ms (target side) | lag p50 / p99 ms (scheduler) | runs/s | results written/s | DB MB/day (size delta) | bytes/result |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.level} | ${f(r.cpuPct, 1)} | ${f(r.cpuMsPerCheck, 2)} | ${f(r.pgCpuPct, 1)} | ${f(r.rssMb)} (${f(r.heapUsedMb)} / ${f(r.heapTotalMb)}) | ${f(r.startupRssMb)} | ${f(r.lagP50)} / ${f(r.lagP99)} | ${f(r.schedLagP50)} / ${f(r.schedLagP99)} | ${f(r.runsPerS, 1)} | ${f(r.resultsPerS, 1)} | ${f(r.dbMbPerDay)} | ${f(r.bytesPerResult)} |`);
  }
  if (fan) console.log(`\nfan-out: ${fan.clients} clients, ${fan.failures} status changes, ${fan.samples}/${fan.expected} events: p50 ${f(fan.p50)} ms, p99 ${f(fan.p99)} ms, max ${f(fan.max)} ms (arrival − server status change time)`);
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`).catch(() => undefined);
  await admin.end();
}
