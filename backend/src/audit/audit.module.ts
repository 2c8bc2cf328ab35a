import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { HistoryModule } from '../history/history.module.js';
import { IncidentsModule } from '../incidents/incidents.module.js';
import { LiveEventsModule } from '../live/live-events.module.js';
import { MaintenanceModule } from '../maintenance/maintenance.module.js';
import { AuditRecorderService } from './audit-recorder.service.js';
import { AuditVerifyService } from './audit-verify.service.js';
import { AuditController } from './audit.controller.js';
import { AuditService } from './audit.service.js';

@Module({
  imports: [CatalogModule, HistoryModule, IncidentsModule, LiveEventsModule, MaintenanceModule],
  providers: [AuditService, AuditVerifyService, AuditRecorderService],
  controllers: [AuditController],
  exports: [AuditService],
})
export class AuditModule {}
