import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { ClusterModule } from '../cluster/cluster.module.js';
import { HeartbeatRepository } from './heartbeat.repository.js';
import { HeartbeatStore } from './heartbeat-store.service.js';
import { HeartbeatsController } from './heartbeats.controller.js';
import { HeartbeatsService } from './heartbeats.service.js';

@Module({
  imports: [CatalogModule, ClusterModule],
  providers: [HeartbeatRepository, HeartbeatStore, HeartbeatsService],
  controllers: [HeartbeatsController],
  exports: [HeartbeatStore],
})
export class HeartbeatsModule {}
