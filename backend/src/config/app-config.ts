import { resolve } from 'node:path';
import { authConfigFromEnv, type AuthConfig } from '../auth/auth-config.js';

/** Process configuration, from the environment variables of DESIGN.md's contract. */
export interface AppConfig {
  port: number;
  host: string;
  /** Unset: an embedded PostgreSQL server in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /** Unset: the shipped demo catalog against the in-process demo simulator. */
  catalogFile?: string;
  demoScenario: string;
  demoTimeFactor: number;
  demoInterval: string;
  /** Simulated clock at start, `HH:MM`; unset: the scenario's own start time. */
  demoStartAt?: string;
  /** Upper bound on probes in flight at once. */
  maxConcurrentChecks: number;
  /** Where the built frontend lives; served at `/`. */
  frontendDir: string;
  /** Raw results are kept this many days (whole daily partitions are dropped). */
  resultsRetentionDays: number;
  /** 1-minute rollups are kept this many days. */
  rollupRetentionDays: number;
  /** Sign-in, sessions, kiosk tokens, OIDC and HTTP hardening (auth/auth-config.ts). */
  auth: AuthConfig;
  /** TARGET_ALLOWLIST: host names and CIDR networks probes may reach; unset: any. */
  targetAllowlist?: string[];
  /** SPOOL_MAX_MB: bound on each on-disk spool (DATA_DIR/spool/<stream>) used while the database is unreachable. */
  spoolMaxMb?: number;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export class ConfigError extends Error {}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new ConfigError(`${name}: expected a whole number ≥ ${min}, got "${raw}"`);
  return n;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const demoTimeFactor = Number(env.DEMO_TIME_FACTOR ?? 60);
  if (!(demoTimeFactor > 0)) throw new ConfigError(`DEMO_TIME_FACTOR: expected a positive number, got "${env.DEMO_TIME_FACTOR}"`);
  const demoStartAt = env.DEMO_START || undefined;
  if (demoStartAt !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(demoStartAt)) throw new ConfigError(`DEMO_START: expected a time HH:MM, got "${demoStartAt}"`);
  return {
    port: intFrom(env, 'PORT', 3000),
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.DATA_DIR || './data'),
    catalogFile: env.CATALOG_FILE ? resolve(env.CATALOG_FILE) : undefined,
    demoScenario: env.DEMO_SCENARIO || 'normal',
    demoTimeFactor,
    demoInterval: env.DEMO_INTERVAL || '5s',
    demoStartAt,
    maxConcurrentChecks: intFrom(env, 'MAX_CONCURRENT_CHECKS', 256, 1),
    frontendDir: resolve(env.FRONTEND_DIR || new URL('../../../frontend/dist', import.meta.url).pathname),
    resultsRetentionDays: intFrom(env, 'RESULTS_RETENTION_DAYS', 30, 1),
    rollupRetentionDays: intFrom(env, 'ROLLUP_RETENTION_DAYS', 730, 1),
    auth: authConfigFromEnv(env, !env.CATALOG_FILE, (message) => {
      throw new ConfigError(message);
    }),
    targetAllowlist: env.TARGET_ALLOWLIST ? env.TARGET_ALLOWLIST.split(',').map((s) => s.trim()).filter(Boolean) : undefined,
    spoolMaxMb: intFrom(env, 'SPOOL_MAX_MB', 512, 1),
  };
}
