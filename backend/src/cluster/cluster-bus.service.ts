import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { clusteredServers } from './cluster-io.adapter.js';

type Handler = (payload: never) => void;

/**
 * Server-to-server messages between instances, through the Socket.IO Postgres adapter's
 * `serverSideEmit` on `/live` (PostgreSQL NOTIFY underneath). Without that adapter (one
 * instance, or an app built without it) messages go nowhere: there is no one to tell.
 */
@Injectable()
export class ClusterBus {
  private namespace?: Namespace;
  private readonly handlers = new Map<string, Handler>();

  /** Called by the live gateway once its namespace exists. */
  attach(namespace: Namespace): void {
    this.namespace = namespace;
    for (const [name, handler] of this.handlers) namespace.on(name, handler as never);
  }

  get active(): boolean {
    return this.namespace !== undefined && clusteredServers.has(this.namespace.server);
  }

  on<T>(name: `cluster:${string}`, handler: (payload: T) => void): void {
    this.handlers.set(name, handler as Handler);
    this.namespace?.on(name, handler as never);
  }

  emit(name: `cluster:${string}`, payload: unknown): void {
    if (this.active) this.namespace!.serverSideEmit(name, payload);
  }
}
