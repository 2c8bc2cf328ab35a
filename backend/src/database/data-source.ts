import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options.js';

/** For the TypeORM CLI: `typeorm migration:run -d dist/database/data-source.js` with DATABASE_URL set. */
export default new DataSource(buildDataSourceOptions(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/lifeline'));
