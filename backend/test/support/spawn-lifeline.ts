import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.js';

export const BUILT_MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

export function assertBuilt(): void {
  if (!existsSync(BUILT_MAIN)) throw new Error(`${BUILT_MAIN} is missing: run \`npm run build\` first (npm test does)`);
}

const running = new Set<ChildProcess>();
// A spawned backend must never outlive the test run, whatever path the run exits by.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface SpawnedLifeline {
  child: ChildProcess;
  url: string;
  port: number;
  output: () => string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Runs the built backend (`node backend/dist/main.js`) as a real process, as `npm start` does. */
export async function spawnLifeline(env: Record<string, string | undefined>, opts: { waitForServing?: boolean; port?: number } = {}): Promise<SpawnedLifeline> {
  assertBuilt();
  const port = opts.port ?? (await freePort());
  const child = spawn(process.execPath, [BUILT_MAIN], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  const spawned: SpawnedLifeline = {
    child,
    url: `http://127.0.0.1:${port}`,
    port,
    output: () => out,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
  if (opts.waitForServing !== false) {
    const deadline = Date.now() + 90_000;
    while (!/serving on/.test(out)) {
      if (child.exitCode !== null) throw new Error(`Lifeline exited with ${child.exitCode} before serving:\n${out}`);
      if (Date.now() > deadline) {
        await spawned.stop('SIGKILL');
        throw new Error(`Lifeline did not serve within 90 s:\n${out}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return spawned;
}
