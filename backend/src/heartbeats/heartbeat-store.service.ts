import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { freshAt, usualCadence, type HeartbeatPush, type HeartbeatRecord } from '@lifeline/shared';
import { CLOCK, type Clock } from '../common/clock.js';
import type { HeartbeatReader } from '../probes/probe-kind.js';
import { HeartbeatRepository, type StoredHeartbeat } from './heartbeat.repository.js';

/** Freshness times kept per check: the usual cadence is the median of their ~20 intervals. */
export const RECENT_HEARTBEATS = 21;

/**
 * The last heartbeat per check, in memory for the probes (read on every run) and in the
 * database so a restart does not forget it. A push is taken in memory at once and written
 * behind, in order; a failed write is logged, the heartbeat still counts.
 */
@Injectable()
export class HeartbeatStore implements HeartbeatReader, OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('Heartbeats');
  private readonly byCheck = new Map<string, StoredHeartbeat>();
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly repository: HeartbeatRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    for (const h of await this.repository.all()) this.byCheck.set(h.checkId, h);
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
