import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { ClusterModule } from '../cluster/cluster.module.js';
import { HistoryModule } from '../history/history.module.js';
import { LiveEventsModule } from '../live/live-events.module.js';
import { MaintenanceModule } from '../maintenance/maintenance.module.js';
import { StatusTickerService } from './status-ticker.service.js';
import { StatusController } from './status.controller.js';
import { StatusService } from './status.service.js';

@Module({
  imports: [CatalogModule, ClusterModule, HistoryModule, LiveEventsModule, MaintenanceModule],
  providers: [StatusService, StatusTickerService],
  controllers: [StatusController],
  exports: [StatusService],
})
export class StatusModule {}
