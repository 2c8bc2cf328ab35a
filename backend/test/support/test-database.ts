import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { EmbeddedDatabase } from '../../src/database/embedded-database.js';
import { tempDir } from './temp-dir.js';

export interface TestDatabase {
  label: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh database on the server at TEST_DATABASE_URL, dropped afterwards. */
export async function serverDatabase(baseUrl: string): Promise<TestDatabase> {
  const name = `lifeline_t_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    label: `PostgreSQL at ${new URL(baseUrl).host}`,
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A fresh embedded PostgreSQL server in a temp DATA_DIR. */
export async function embeddedDatabase(): Promise<TestDatabase> {
  const dir = tempDir();
  const server = new EmbeddedDatabase(dir.path);
  const url = await server.start();
  return {
    label: 'embedded PostgreSQL',
    url,
    async drop() {
      await server.stop();
      dir.remove();
    },
  };
}

/** The databases every database test runs on: embedded always, and the machine's server when TEST_DATABASE_URL is set. */
export const DATABASE_TARGETS: Array<{ label: string; open: () => Promise<TestDatabase> }> = [
  { label: 'embedded', open: embeddedDatabase },
  ...(process.env.TEST_DATABASE_URL ? [{ label: 'server', open: () => serverDatabase(process.env.TEST_DATABASE_URL!) }] : []),
];
