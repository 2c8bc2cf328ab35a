import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { SubscribeMessage, WebSocketGateway, WebSocketServer, type OnGatewayConnection, type OnGatewayInit } from '@nestjs/websockets';
import { LIVE_NAMESPACE, type LiveClientEvents, type LiveServerEvents } from '@lifeline/shared';
import type { Namespace, Socket } from 'socket.io';
import type { Subscription } from 'rxjs';
import { SnapshotService } from '../snapshot/snapshot.service.js';
import { LiveEventsService } from './live-events.service.js';

/** `/live`: a snapshot on connect, then numbered deltas. No logic here; the services decide. */
@WebSocketGateway({ namespace: LIVE_NAMESPACE, cors: false, serveClient: false })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection, OnModuleDestroy {
  private readonly logger = new Logger('Live');
  private subscription?: Subscription;

  @WebSocketServer()
  private readonly namespace: Namespace<LiveClientEvents, LiveServerEvents>;

  constructor(
    private readonly live: LiveEventsService,
    private readonly snapshots: SnapshotService,
  ) {}

  afterInit(): void {
    this.subscription = this.live.events.subscribe((event) => {
      (this.namespace.emit as (name: string, payload: unknown) => boolean)(event.name, event.payload);
    });
  }

  handleConnection(client: Socket<LiveClientEvents, LiveServerEvents>): void {
    client.emit('snapshot', this.snapshots.snapshot());
  }

  @SubscribeMessage('snapshot.request')
  resync(client: Socket<LiveClientEvents, LiveServerEvents>): void {
    client.emit('snapshot', this.snapshots.snapshot());
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    this.logger.debug('live gateway closed');
  }
}
