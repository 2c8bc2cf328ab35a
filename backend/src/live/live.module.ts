import { Module } from '@nestjs/common';
import { StatusModule } from '../status/status.module.js';
import { LiveEventsModule } from './live-events.module.js';
import { LiveGateway } from './live.gateway.js';

@Module({ imports: [StatusModule, LiveEventsModule], providers: [LiveGateway] })
export class LiveModule {}
