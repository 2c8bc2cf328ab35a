import { Module } from '@nestjs/common';
import { SnapshotModule } from '../snapshot/snapshot.module.js';
import { LiveEventsModule } from './live-events.module.js';
import { LiveGateway } from './live.gateway.js';

@Module({ imports: [SnapshotModule, LiveEventsModule], providers: [LiveGateway] })
export class LiveModule {}
