import { Inject, Logger, type OnModuleDestroy } from '@nestjs/common';
import { SubscribeMessage, WebSocketGateway, WebSocketServer, type OnGatewayConnection, type OnGatewayDisconnect, type OnGatewayInit } from '@nestjs/websockets';
import { LIVE_NAMESPACE, type LiveClientEvents, type LiveServerEvents } from '@lifeline/shared';
import type { Namespace, Socket } from 'socket.io';
import type { Subscription } from 'rxjs';
import { AuthEventsService } from '../auth/auth-events.service.js';
import { AuthenticatorService } from '../auth/authenticator.service.js';
import { liveHandshake, principalOf } from '../auth/live-handshake.js';
import { FULL_ROOM, roomsFor, roomsToCut, VIEWER_ROOM } from '../auth/live-rooms.js';
import { seesInternals } from '../auth/principal.js';
import { projectLiveEvent, projectSnapshot } from '../auth/viewer-projection.js';
import { ClusterBus } from '../cluster/cluster-bus.service.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { SnapshotService } from '../snapshot/snapshot.service.js';
import { LiveEventsService } from './live-events.service.js';

type LiveSocket = Socket<LiveClientEvents, LiveServerEvents>;
type Emit = (name: string, payload: unknown) => boolean;

/**
 * `/live`: a snapshot on connect, then numbered deltas. Only authenticated clients get in (the
 * handshake middleware); operators and admins get the full events, viewers and wall screens the
 * projection. A revoked session, user or kiosk token has its sockets cut at once.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE, cors: false, serveClient: false })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy {
  private readonly logger = new Logger('Live');
  private subscription?: Subscription;
  private revocations?: Subscription;
  private readonly expiries = new Map<string, NodeJS.Timeout>();

  @WebSocketServer()
  private readonly namespace: Namespace<LiveClientEvents, LiveServerEvents>;

  constructor(
    private readonly live: LiveEventsService,
    private readonly snapshots: SnapshotService,
    private readonly authenticator: AuthenticatorService,
    private readonly authEvents: AuthEventsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly bus: ClusterBus,
  ) {}

  afterInit(): void {
    this.namespace.use(liveHandshake(this.authenticator, this.config.auth));
    this.bus.attach(this.namespace as unknown as Namespace);
    // `.local`: every instance numbers and sends its own events to its own clients; through the
    // cluster adapter a plain room emit would reach every instance's clients a second time.
    this.subscription = this.live.outgoing.subscribe((event) => {
      (this.namespace.local.to(FULL_ROOM).emit as Emit)(event.name, event.payload);
      (this.namespace.local.to(VIEWER_ROOM).emit as Emit)(event.name, projectLiveEvent(event.name, event.payload));
    });
    this.revocations = this.authEvents.revocations.subscribe((r) => {
      const { room, except } = roomsToCut(r);
      (except ? this.namespace.in(room).except(except) : this.namespace.in(room)).disconnectSockets();
    });
  }

  handleConnection(client: LiveSocket): void {
    const principal = principalOf(client);
    void client.join(roomsFor(principal));
    if (principal.kind === 'user') {
      // A session that ends while its socket is open ends the socket too.
      const timer = setTimeout(() => client.disconnect(), Math.min(principal.sessionExpiresAt - Date.now(), 2 ** 31 - 1));
      timer.unref();
      this.expiries.set(client.id, timer);
    }
    this.sendSnapshot(client);
  }

  handleDisconnect(client: LiveSocket): void {
    clearTimeout(this.expiries.get(client.id));
    this.expiries.delete(client.id);
  }

  @SubscribeMessage('snapshot.request')
  resync(client: LiveSocket): void {
    this.sendSnapshot(client);
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    this.revocations?.unsubscribe();
    for (const timer of this.expiries.values()) clearTimeout(timer);
    this.logger.debug('live gateway closed');
  }

  private sendSnapshot(client: LiveSocket): void {
    const snapshot = this.snapshots.snapshot();
    client.emit('snapshot', seesInternals(principalOf(client)) ? snapshot : projectSnapshot(snapshot));
  }
}
