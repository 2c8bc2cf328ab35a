import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { ClusterModule } from '../cluster/cluster.module.js';
import { HeartbeatsModule } from '../heartbeats/heartbeats.module.js';
import { ResultsModule } from '../results/results.module.js';
import { SchedulerService } from './scheduler.service.js';

@Module({ imports: [CatalogModule, ClusterModule, ResultsModule, HeartbeatsModule], providers: [SchedulerService], exports: [SchedulerService] })
export class SchedulerModule {}
