import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/database/data-source-options.js';
import type { TestDatabase } from './test-database.js';

export interface MigratedDatabase {
  database: TestDatabase;
  db: DataSource;
  close(): Promise<void>;
}

/** A fresh database of a target with every migration applied, as the app would have it. */
export async function migratedDatabase(open: () => Promise<TestDatabase>): Promise<MigratedDatabase> {
  const database = await open();
  // Quiet: several tests provoke refused statements on purpose.
  const db = new DataSource({ ...buildDataSourceOptions(database.url), logging: false, extra: { max: 6 } });
  try {
    await db.initialize();
  } catch (err) {
    await database.drop();
    throw err;
  }
  return {
    database,
    db,
    async close() {
      if (db.isInitialized) await db.destroy();
      await database.drop();
    },
  };
}
