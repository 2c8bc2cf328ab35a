import type { DataSourceOptions } from 'typeorm';
import { CheckEntity } from '../catalog/check.entity.js';
import { IntegrationEntity } from '../catalog/integration.entity.js';
import { ResultEntity } from '../history/result.entity.js';
import { TransitionEntity } from '../history/transition.entity.js';
import { InitialSchema1764151200000 } from './migrations/1764151200000-initial-schema.js';
import { IncidentsMaintenance1764158400000 } from './migrations/1764158400000-incidents-maintenance.js';
import { ResultPartitions1764240000000 } from './migrations/1764240000000-result-partitions.js';
import { ResultRollups1764240060000 } from './migrations/1764240060000-result-rollups.js';
import { AuditLog1764240120000 } from './migrations/1764240120000-audit-log.js';
import { Heartbeats1764241200000 } from './migrations/1764241200000-heartbeats.js';
import { Auth1764300000000 } from './migrations/1764300000000-auth.js';
import { Cluster1764400000000 } from './migrations/1764400000000-cluster.js';
import { WriteIds1764410000000 } from './migrations/1764410000000-write-ids.js';
import { RollupCoveringIndex1764420000000 } from './migrations/1764420000000-rollup-covering-index.js';
import { CompactResults1764430000000 } from './migrations/1764430000000-compact-results.js';
import { LeaseFillfactor1764440000000 } from './migrations/1764440000000-lease-fillfactor.js';

export const ENTITIES = [IntegrationEntity, CheckEntity, ResultEntity, TransitionEntity];
export const MIGRATIONS = [
  InitialSchema1764151200000,
  IncidentsMaintenance1764158400000,
  ResultPartitions1764240000000,
  ResultRollups1764240060000,
  AuditLog1764240120000,
  Heartbeats1764241200000,
  Auth1764300000000,
  Cluster1764400000000,
  WriteIds1764410000000,
  RollupCoveringIndex1764420000000,
  CompactResults1764430000000,
  LeaseFillfactor1764440000000,
];

/** One set of options for both the embedded server and an external PostgreSQL: same SQL, same driver. */
export function buildDataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error'],
    extra: { max: 10, connectionTimeoutMillis: 5_000, application_name: 'lifeline' },
  };
}
