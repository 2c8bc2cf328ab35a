import { Module } from '@nestjs/common';
import { HistoryQueryService } from './history-query.service.js';
import { HistoryWriterService } from './history-writer.service.js';

@Module({ providers: [HistoryWriterService, HistoryQueryService], exports: [HistoryWriterService, HistoryQueryService] })
export class HistoryModule {}
