import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { ClusterModule } from '../cluster/cluster.module.js';
import { LiveEventsModule } from '../live/live-events.module.js';
import { StatusModule } from '../status/status.module.js';
import { IncidentRepository } from './incident.repository.js';
import { IncidentsController } from './incidents.controller.js';
import { IncidentsService } from './incidents.service.js';

@Module({
  imports: [StatusModule, LiveEventsModule, CatalogModule, ClusterModule],
  providers: [IncidentsService, IncidentRepository],
  controllers: [IncidentsController],
  exports: [IncidentsService],
})
export class IncidentsModule {}
