import { Module } from '@nestjs/common';
import { HistoryModule } from '../history/history.module.js';
import { SchedulerModule } from '../scheduler/scheduler.module.js';
import { HealthController } from './health.controller.js';

@Module({ imports: [SchedulerModule, HistoryModule], controllers: [HealthController] })
export class HealthModule {}
