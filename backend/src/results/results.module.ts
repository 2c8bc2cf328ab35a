import { Module } from '@nestjs/common';
import { HistoryModule } from '../history/history.module.js';
import { StatusModule } from '../status/status.module.js';
import { ResultsService } from './results.service.js';

@Module({ imports: [StatusModule, HistoryModule], providers: [ResultsService], exports: [ResultsService] })
export class ResultsModule {}
