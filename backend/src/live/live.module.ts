import { Module } from '@nestjs/common';
import { ClusterModule } from '../cluster/cluster.module.js';
import { SnapshotModule } from '../snapshot/snapshot.module.js';
import { LiveEventsModule } from './live-events.module.js';
import { LiveGateway } from './live.gateway.js';

@Module({ imports: [SnapshotModule, LiveEventsModule, ClusterModule], providers: [LiveGateway] })
export class LiveModule {}
