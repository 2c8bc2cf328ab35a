import { Module } from '@nestjs/common';
import { LiveEventsService } from './live-events.service.js';

@Module({ providers: [LiveEventsService], exports: [LiveEventsService] })
export class LiveEventsModule {}
