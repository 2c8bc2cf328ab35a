import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import pg from 'pg';
import { Subject, type Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { isClustered } from './cluster-timing.js';
import { LeaseService } from './lease.service.js';

/** The advisory lock whose holder is the leader ("LIFELINE" in ASCII, as an int). */
const LEADER_LOCK = 0x4c49_4645;

/**
 * One instance holds a session advisory lock on a dedicated connection: the leader. Only it
 * reconciles and stores incidents and writes state transitions, so none is written twice.
 * When its connection (or process) dies, PostgreSQL drops the lock and another instance,
 * retrying every lease renewal, takes it. Without a shared database this instance leads.
 */
@Injectable()
export class LeaderService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('Leader');
  private readonly clustered: boolean;
  private client?: pg.Client;
  private leader: boolean;
  private lostWhileLeading = false;
  private timer?: NodeJS.Timeout;
  private trying?: Promise<void>;
  private stopped = false;
  private readonly gained$ = new Subject<void>();
  /** Fires when this instance becomes the leader (not at start when it already is). */
  readonly gained: Observable<void> = this.gained$.asObservable();

  constructor(
    private readonly db: DataSource,
    private readonly leases: LeaseService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.clustered = isClustered(config);
    this.leader = !this.clustered;
  }

  /**
   * A leader that lost its lock connection stays the leader while it is the only live instance
   * (a database outage: its transitions are spooled, not lost); with others around it steps down.
   */
  isLeader(): boolean {
    return this.leader || (this.lostWhileLeading && this.leases.liveInstances <= 1);
  }

  async onModuleInit(): Promise<void> {
    if (!this.clustered) return;
    await this.attempt(false);
    this.timer = setInterval(() => {
      if (!this.leader && !this.trying) this.trying = this.attempt(true).finally(() => (this.trying = undefined));
    }, this.leases.timing.renewMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.trying;
    this.leader = false;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async attempt(announce: boolean): Promise<void> {
    try {
      if (!this.client) {
        const options = this.db.options as { url?: string };
        const client = new pg.Client({ connectionString: options.url, application_name: 'lifeline-leader' });
        client.on('error', (err) => this.lost(client, err.message));
        client.on('end', () => this.lost(client, 'connection ended'));
        await client.connect();
        this.client = client;
      }
      const { rows } = await this.client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [LEADER_LOCK]);
      const was = this.lostWhileLeading;
      this.lostWhileLeading = false;
      if (rows[0]?.ok && !this.stopped) {
        this.leader = true;
        this.logger.log(`instance ${this.leases.instanceId} is the leader`);
        if (announce && !was) this.gained$.next();
      }
    } catch (err) {
      this.logger.warn(`leader lock: ${(err as Error).message}`);
      const client = this.client;
      this.client = undefined;
      await client?.end().catch(() => undefined);
    }
  }

  private lost(client: pg.Client, why: string): void {
    if (this.client !== client) return;
    this.client = undefined;
    if (this.leader && !this.stopped) {
      this.logger.warn(`leader lock connection lost: ${why}`);
      this.lostWhileLeading = true;
    }
    this.leader = false;
  }
}
