import { Module } from '@nestjs/common';
import { HistoryQueryService } from './history-query.service.js';
import { HistoryWriterService } from './history-writer.service.js';
import { PartitionsService } from './partitions.service.js';
import { RollupsService } from './rollups.service.js';

@Module({
  providers: [HistoryWriterService, HistoryQueryService, PartitionsService, RollupsService],
  exports: [HistoryWriterService, HistoryQueryService],
})
export class HistoryModule {}
