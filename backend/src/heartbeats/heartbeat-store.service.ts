import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { freshAt, usualCadence, type HeartbeatPush, type HeartbeatRecord } from '@lifeline/shared';
import { ClusterBus } from '../cluster/cluster-bus.service.js';
import { INSTANCE_ID } from '../cluster/instance-id.js';
import { CLOCK, type Clock } from '../common/clock.js';
import type { HeartbeatReader } from '../probes/probe-kind.js';
import { HeartbeatRepository, type StoredHeartbeat } from './heartbeat.repository.js';

const RELAY = 'cluster:heartbeat';
interface Relayed {
  from: string;
  stored: StoredHeartbeat;
}

/** Freshness times kept per check: the usual cadence is the median of their ~20 intervals. */
export const RECENT_HEARTBEATS = 21;

/**
 * The last heartbeat per check, in memory for the probes (read on every run) and in the
 * database so a restart does not forget it. A push is taken in memory at once and written
 * behind, in order; a failed write is logged, the heartbeat still counts. With several
 * instances the partner's push reaches one of them, while the check may be leased by another:
 * each push is told to the others at once.
 */
@Injectable()
export class HeartbeatStore implements HeartbeatReader, OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('Heartbeats');
  private readonly byCheck = new Map<string, StoredHeartbeat>();
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly repository: HeartbeatRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly bus: ClusterBus,
  ) {}

  async onModuleInit(): Promise<void> {
    for (const h of await this.repository.all()) this.byCheck.set(h.checkId, h);
    this.bus.on<Relayed>(RELAY, ({ from, stored }) => {
      if (from === INSTANCE_ID || typeof stored?.checkId !== 'string') return;
      // Written by the instance that took the push; a late or repeated message never goes back in time.
      const known = this.byCheck.get(stored.checkId);
      if (!known || known.last.receivedAt < stored.last.receivedAt) this.byCheck.set(stored.checkId, stored);
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.flushed();
  }

  last(checkId: string): HeartbeatRecord | undefined {
    return this.byCheck.get(checkId)?.last;
  }

  usualCadenceMs(checkId: string): number | undefined {
    return usualCadence(this.byCheck.get(checkId)?.recent ?? []);
  }

  /** Takes one push for a check; returns the heartbeat as recorded. */
  record(check: { id: string; integrationId: string }, push: HeartbeatPush): HeartbeatRecord {
    const last: HeartbeatRecord = { receivedAt: this.clock(), ...push };
    const prev = this.byCheck.get(check.id)?.recent ?? [];
    const at = freshAt(last);
    // A partner that repeats the same lastMessageAt has sent no new message: no new interval.
    const recent = prev.at(-1) === at ? prev : [...prev, at].slice(-RECENT_HEARTBEATS);
    const stored: StoredHeartbeat = { checkId: check.id, integrationId: check.integrationId, last, recent };
    this.byCheck.set(check.id, stored);
    this.bus.emit(RELAY, { from: INSTANCE_ID, stored } satisfies Relayed);
    this.writing = this.writing
      .then(() => this.repository.save(stored))
      .catch((err) => this.logger.warn(`heartbeat for ${check.id} not saved: ${(err as Error).message}`));
    return last;
  }

  /** Resolves once every heartbeat taken so far is written. */
  flushed(): Promise<void> {
    return this.writing;
  }
}
