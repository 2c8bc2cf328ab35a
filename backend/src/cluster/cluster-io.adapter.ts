import { Logger, type INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import type { Server, ServerOptions } from 'socket.io';

/** Socket.IO servers whose namespaces fan out across instances. */
export const clusteredServers = new WeakSet<Server>();

/**
 * Socket.IO over the shared PostgreSQL: a client connected to any instance gets every update,
 * and instances can message each other (`serverSideEmit`). The pool is ended in `dispose()` —
 * overriding `close()` hangs shutdown — and bounded by a timeout, since a LISTEN still being
 * set up can keep a client checked out.
 */
export class ClusterIoAdapter extends IoAdapter {
  private readonly clusterLog = new Logger('ClusterIo');
  private pool?: pg.Pool;

  constructor(
    app: INestApplicationContext,
    private readonly databaseUrl: string,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server;
    if (!this.pool) {
      this.pool = new pg.Pool({ connectionString: this.databaseUrl, max: 4, application_name: 'lifeline-socket-io' });
      this.pool.on('error', (err) => this.clusterLog.warn(`socket.io pool: ${err.message}`));
      // The adapter's LISTEN client is checked out and has no 'error' listener: without this a database cut crashes the process.
      this.pool.on('connect', (client) => client.on('error', (err) => this.clusterLog.warn(`socket.io client: ${err.message}`)));
    }
    server.adapter(createAdapter(this.pool, { errorHandler: (err) => this.clusterLog.warn(`socket.io adapter: ${err.message}`) }));
    clusteredServers.add(server);
    return server;
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    const pool = this.pool;
    this.pool = undefined;
    if (pool) await Promise.race([pool.end().catch(() => undefined), new Promise((r) => setTimeout(r, 2_000).unref())]);
  }
}
