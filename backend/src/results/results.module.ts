import { Module } from '@nestjs/common';
import { ClusterModule } from '../cluster/cluster.module.js';
import { ObservationRelay } from '../cluster/observation-relay.service.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { HistoryModule } from '../history/history.module.js';
import { StatusModule } from '../status/status.module.js';
import { ResultsService } from './results.service.js';

@Module({ imports: [StatusModule, HistoryModule, ClusterModule, CatalogModule], providers: [ResultsService, ObservationRelay], exports: [ResultsService] })
export class ResultsModule {}
