import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { MaintenanceController } from './maintenance.controller.js';
import { MaintenanceService } from './maintenance.service.js';

@Module({ imports: [CatalogModule], providers: [MaintenanceService], controllers: [MaintenanceController], exports: [MaintenanceService] })
export class MaintenanceModule {}
