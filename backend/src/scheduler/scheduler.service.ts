import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import type { ResolvedCheck } from '@lifeline/shared';
import { CatalogService } from '../catalog/catalog.service.js';
import { LeaseService } from '../cluster/lease.service.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { HeartbeatStore } from '../heartbeats/heartbeat-store.service.js';
import { runCheck } from '../probes/probe-runner.js';
import { ResultsService } from '../results/results.service.js';
import { firstRunAt, nextRunAt } from './check-plan.js';

interface Entry {
  check: ResolvedCheck;
  plannedAt: number;
  running: boolean;
}

const LAG_SAMPLES = 2_000;
export const DISPATCH_EVERY_MS = 50;

/**
 * Dispatches due checks with bounded concurrency. A check never overlaps itself, and since
 * every run has a hard deadline, a hanging target only ever holds its own slot.
 */
@Injectable()
export class SchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Scheduler');
  private entries: Entry[] = [];
  private inFlight = 0;
  private stopped = true;
  private readonly running = new Set<Promise<void>>();
  private readonly lags: number[] = [];
  lastDispatchAt?: number;
  runs = 0;

  constructor(
    private readonly catalog: CatalogService,
    private readonly results: ResultsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly heartbeats: HeartbeatStore,
    private readonly leases: LeaseService,
  ) {}

  onApplicationBootstrap(): void {
    const now = this.clock();
    this.entries = this.catalog.checks().map((check) => ({ check, plannedAt: firstRunAt(check.id, check.interval, now), running: false }));
    this.stopped = false;
    this.lastDispatchAt = now;
    this.logger.log(`scheduling ${this.entries.length} checks, at most ${this.config.maxConcurrentChecks} at once`);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([...this.running]);
  }

  @Interval('check-dispatch', DISPATCH_EVERY_MS)
  dispatch(): void {
    if (this.stopped) return;
    const now = this.clock();
    this.lastDispatchAt = now;
    // Only checks this instance holds the lease of; another's stay due, so a takeover runs at once.
    const due = this.entries.filter((e) => !e.running && e.plannedAt <= now && this.leases.owns(e.check.id)).sort((a, b) => a.plannedAt - b.plannedAt);
    for (const entry of due) {
      if (this.inFlight >= this.config.maxConcurrentChecks) break;
      // Taken over from another instance: not before an interval after its last run there.
      const elsewhere = this.leases.lastRunElsewhere(entry.check.id);
      if (elsewhere !== undefined && elsewhere + entry.check.interval > now + 20) {
        entry.plannedAt = elsewhere + entry.check.interval;
        continue;
      }
      this.start(entry, now);
    }
  }

  stats(): { checks: number; owned: number; inFlight: number; runs: number; lastDispatchAt?: number; lagP50: number; lagP99: number } {
    const sorted = [...this.lags].sort((a, b) => a - b);
    const pct = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : 0);
    return { checks: this.entries.length, owned: this.leases.ownedCount(), inFlight: this.inFlight, runs: this.runs, lastDispatchAt: this.lastDispatchAt, lagP50: pct(0.5), lagP99: pct(0.99) };
  }

  private start(entry: Entry, now: number): void {
    entry.running = true;
    this.inFlight += 1;
    this.lags.push(now - entry.plannedAt);
    this.leases.noteOwnRun(entry.check.id, now);
    if (this.lags.length > LAG_SAMPLES) this.lags.shift();
    const services = { timeZone: this.catalog.catalog.site.timezone, heartbeats: this.heartbeats };
    const run = runCheck(entry.check, process.env, this.clock, services)
      .then((obs) => {
        if (!this.stopped) this.results.record(entry.check, obs);
      })
      .catch((err) => this.logger.error(`check ${entry.check.id} failed to run: ${(err as Error).message}`))
      .finally(() => {
        this.inFlight -= 1;
        this.runs += 1;
        entry.running = false;
        entry.plannedAt = nextRunAt(entry.check.id, entry.check.interval, now, this.clock());
        this.running.delete(run);
      });
    this.running.add(run);
  }
}
