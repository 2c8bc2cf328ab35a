import 'reflect-metadata';
import { Logger, type LoggerService } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { applyHttpSecurity } from './auth/http-security.js';
import { FirstAdminService } from './auth/first-admin.service.js';
import { loadCatalogFile, parseCatalogYaml } from './catalog/catalog-loader.js';
import { enforceTargetAllowlist } from './catalog/target-allowlist.js';
import { isClustered } from './cluster/cluster-timing.js';
import { ClusterIoAdapter } from './cluster/cluster-io.adapter.js';
import type { CatalogSource } from './catalog/catalog.tokens.js';
import type { Clock } from './common/clock.js';
import { ConfigError, type AppConfig } from './config/app-config.js';
import { DataDirLock } from './database/data-dir-lock.js';
import { EmbeddedDatabase } from './database/embedded-database.js';
import type { DemoSimulator } from './demo/demo-simulator.js';

export interface RunningLifeline {
  app: NestExpressApplication;
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  logger?: LoggerService | false;
}

/**
 * Starts the whole of Lifeline in this process: catalog (or the demo and its simulator),
 * database (embedded unless DATABASE_URL), the Nest app, HTTP and `/live`. Throws a
 * CatalogError before touching anything else when the catalog is invalid.
 */
export async function startLifeline(config: AppConfig, options: StartOptions = {}): Promise<RunningLifeline> {
  if (options.logger !== undefined) Logger.overrideLogger(options.logger);
  const log = new Logger('Lifeline');
  const cleanups: Array<() => Promise<void> | void> = [];
  const cleanup = async () => {
    for (const fn of cleanups.reverse()) await Promise.resolve(fn()).catch((err) => log.error(`shutdown: ${(err as Error).message}`));
    cleanups.length = 0;
  };
  try {
    if (config.catalogFile && config.auth.demoOpenView) throw new ConfigError('DEMO_OPEN_VIEW: anonymous viewing is for the demo only');
    let catalog: CatalogSource;
    let demo: DemoSimulator | undefined;
    if (config.catalogFile) {
      catalog = { catalog: await loadCatalogFile(config.catalogFile), origin: config.catalogFile };
    } else {
      const simulatorLog = new Logger('DemoSimulator');
      // Only the demo loads the simulator (DICOM, TLS certificates and all): a real site never pays for it.
      const { DemoSimulator } = await import('./demo/demo-simulator.js');
      const simulator = new DemoSimulator({
        scenario: config.demoScenario,
        timeFactor: config.demoTimeFactor,
        interval: config.demoInterval,
        startAt: config.demoStartAt,
        log: (line) => simulatorLog.log(line),
      });
      await simulator.start();
      cleanups.push(() => simulator.stop());
      catalog = { catalog: parseCatalogYaml(simulator.catalogYaml(), 'demo catalog'), origin: 'demo catalog (simulated partners)', demo: () => simulator.info() };
      demo = simulator;
    }

    enforceTargetAllowlist(catalog.catalog, config.targetAllowlist, catalog.origin);

    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      const lock = new DataDirLock(config.dataDir);
      lock.acquire();
      cleanups.push(() => lock.release());
      const dbLog = new Logger('EmbeddedPostgres');
      // The server's own chatter stays out of the log; its errors do not.
      const embedded = new EmbeddedDatabase(config.dataDir, (line) => /\b(ERROR|FATAL|PANIC)\b/.test(line) && dbLog.warn(line));
      const onExit = () => embedded.killSync();
      process.once('exit', onExit);
      cleanups.push(() => void process.removeListener('exit', onExit));
      cleanups.push(() => embedded.stop());
      databaseUrl = await embedded.start();
      log.log(`embedded PostgreSQL started, data in ${config.dataDir}`);
    }

    const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config, catalog, databaseUrl, clock: options.clock }), {
      logger: options.logger ?? undefined,
      abortOnError: false,
    });
    cleanups.push(() => app.close());
    // Several instances on one PostgreSQL: Socket.IO fans out (and instances talk) through it.
    if (isClustered(config)) app.useWebSocketAdapter(new ClusterIoAdapter(app, databaseUrl));
    applyHttpSecurity(app, config);
    // The demo's story begins when Lifeline starts watching (the scheduler starts in listen()),
    // not while the database and the app were booting.
    await demo?.restartClock();
    await app.listen(config.port, config.host);
    const address = app.getHttpServer().address() as { port: number };
    const url = `http://localhost:${address.port}`;
    log.log(`Lifeline is serving on ${url}`);
    // The simulated heartbeat partner pushes to the app itself, so it can only start now.
    await demo?.appListening(`http://127.0.0.1:${address.port}`);
    const setupLink = app.get(FirstAdminService).takeSetupLink(config.host === '0.0.0.0' || config.host === '::' ? `http://localhost:${address.port}` : `http://${config.host}:${address.port}`);
    if (setupLink) log.warn(`No admin yet. Create the first one, once, within 24 h, at: ${setupLink}`);
    return { app, url, port: address.port, close: cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
