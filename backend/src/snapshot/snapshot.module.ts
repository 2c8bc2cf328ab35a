import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { HistoryModule } from '../history/history.module.js';
import { IncidentsModule } from '../incidents/incidents.module.js';
import { LiveEventsModule } from '../live/live-events.module.js';
import { StatusModule } from '../status/status.module.js';
import { SnapshotController } from './snapshot.controller.js';
import { SnapshotService } from './snapshot.service.js';

@Module({
  imports: [StatusModule, IncidentsModule, LiveEventsModule, CatalogModule, HistoryModule],
  providers: [SnapshotService],
  controllers: [SnapshotController],
  exports: [SnapshotService],
})
export class SnapshotModule {}
