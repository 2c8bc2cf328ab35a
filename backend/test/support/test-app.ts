import { writeFileSync } from 'node:fs';
import type { LoggerService } from '@nestjs/common';
import { join } from 'node:path';
import { startLifeline, type RunningLifeline } from '../../src/app-factory.js';
import { configFromEnv, type AppConfig } from '../../src/config/app-config.js';
import { tempDir } from './temp-dir.js';

export interface TestApp extends RunningLifeline {
  dataDir: string;
  /** The admin created at start, if any: sign in with `signIn(app.url, app.admin)` (auth-client.ts). */
  admin?: { email: string; password: string };
}

/** The admin a catalog test app starts with. */
export const TEST_ADMIN = { email: 'admin@lifeline.test', password: 'test-admin-password' } as const;

export interface TestAppOptions {
  catalogYaml?: string;
  databaseUrl?: string;
  env?: Record<string, string>;
  config?: Partial<AppConfig>;
  /**
   * The admin created at start (ADMIN_EMAIL / ADMIN_PASSWORD). Default: TEST_ADMIN when a
   * catalog is given (a catalog run is not the demo: nobody sees anything without signing in);
   * none for the demo. `false`: no admin (the setup link is printed).
   */
  admin?: { email: string; password: string } | false;
  /** Receives the app's log (default: no log at all). */
  logger?: LoggerService;
}

/**
 * The whole backend on a free port, with a catalog given as YAML (or the demo when omitted),
 * on the embedded database unless `databaseUrl` is given.
 */
export async function startTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const dir = tempDir();
  let catalogFile: string | undefined;
  if (opts.catalogYaml) {
    catalogFile = join(dir.path, 'catalog.yaml');
    writeFileSync(catalogFile, opts.catalogYaml);
  }
  const admin = opts.admin ?? (catalogFile ? TEST_ADMIN : false);
  const config: AppConfig = {
    ...configFromEnv({
      ...(catalogFile ? { CATALOG_FILE: catalogFile } : {}),
      ...(admin ? { ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password } : {}),
      ...opts.env,
    }),
    port: 0,
    host: '127.0.0.1',
    dataDir: join(dir.path, 'data'),
    catalogFile,
    databaseUrl: opts.databaseUrl,
    ...opts.config,
  };
  const running = await startLifeline(config, { logger: opts.logger ?? false });
  return {
    ...running,
    dataDir: config.dataDir,
    admin: admin || undefined,
    async close() {
      await running.close();
      dir.remove();
    },
  };
}
