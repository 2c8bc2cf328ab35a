import { Logger } from '@nestjs/common';
import { startLifeline } from './app-factory.js';
import { CatalogError } from './catalog/catalog-loader.js';
import { configFromEnv, ConfigError } from './config/app-config.js';
import { DataDirInUseError } from './database/data-dir-lock.js';

async function main(): Promise<void> {
  const starting = startLifeline(configFromEnv());
  let closing = false;
  const stop = async (signal: string) => {
    if (closing) return;
    closing = true;
    new Logger('Lifeline').log(`${signal}: shutting down`);
    // A signal during the start waits for it, then closes cleanly (the embedded database too);
    // a start that fails exits on its own, below.
    const running = await starting.catch(() => undefined);
    if (!running) return;
    await running.close();
    process.exit(0);
  };
  // Before the start completes: a signal right after "serving on" must not kill the process outright.
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  await starting;
}

main().catch((err: unknown) => {
  if (err instanceof CatalogError) {
    console.error(`Lifeline cannot start: the catalog ${err.origin} is invalid (${err.errors.length} problem${err.errors.length > 1 ? 's' : ''}):`);
    for (const e of err.errors) console.error(`  ${e.path}: ${e.message}`);
  } else if (err instanceof ConfigError || err instanceof DataDirInUseError) {
    console.error(`Lifeline cannot start: ${err.message}`);
  } else {
    console.error('Lifeline cannot start:', err);
  }
  process.exit(1);
});
