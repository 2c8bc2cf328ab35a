import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLifeline, type RunningLifeline } from '../../src/app-factory.js';
import { configFromEnv, type AppConfig } from '../../src/config/app-config.js';
import { tempDir } from './temp-dir.js';

export interface TestApp extends RunningLifeline {
  dataDir: string;
}

/**
 * The whole backend on a free port, with a catalog given as YAML (or the demo when omitted),
 * on the embedded database unless `databaseUrl` is given.
 */
export async function startTestApp(opts: { catalogYaml?: string; databaseUrl?: string; env?: Record<string, string>; config?: Partial<AppConfig> } = {}): Promise<TestApp> {
  const dir = tempDir();
  let catalogFile: string | undefined;
  if (opts.catalogYaml) {
    catalogFile = join(dir.path, 'catalog.yaml');
    writeFileSync(catalogFile, opts.catalogYaml);
  }
  const config: AppConfig = {
    ...configFromEnv({ ...opts.env }),
    port: 0,
    host: '127.0.0.1',
    dataDir: join(dir.path, 'data'),
    catalogFile,
    databaseUrl: opts.databaseUrl,
    ...opts.config,
  };
  const running = await startLifeline(config, { logger: false });
  return {
    ...running,
    dataDir: config.dataDir,
    async close() {
      await running.close();
      dir.remove();
    },
  };
}
