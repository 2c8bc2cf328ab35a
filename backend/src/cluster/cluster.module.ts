import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { ClusterBus } from './cluster-bus.service.js';
import { LeaderService } from './leader.service.js';
import { LeaseService } from './lease.service.js';

@Module({ imports: [CatalogModule], providers: [LeaseService, LeaderService, ClusterBus], exports: [LeaseService, LeaderService, ClusterBus] })
export class ClusterModule {}
