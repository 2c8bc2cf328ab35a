import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Observation } from '@lifeline/shared';
import { CatalogService } from '../catalog/catalog.service.js';
import { StatusService } from '../status/status.service.js';
import { ClusterBus } from './cluster-bus.service.js';
import { INSTANCE_ID } from './instance-id.js';
import { LeaseService } from './lease.service.js';

const BATCH_MS = 100;
const CHANNEL = 'cluster:observations';

interface Batch {
  from: string;
  observations: Observation[];
}

/**
 * Every instance judges the whole catalog, not only the checks it runs: the observations this
 * instance produced go to the others in small batches, and theirs are fed into this
 * instance's StatusService as if probed here. (Each result row is written once, by the
 * instance that ran the probe.)
 */
@Injectable()
export class ObservationRelay implements OnModuleInit, OnModuleDestroy {
  private pending: Observation[] = [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly bus: ClusterBus,
    private readonly status: StatusService,
    private readonly catalog: CatalogService,
    private readonly leases: LeaseService,
  ) {}

  onModuleInit(): void {
    this.bus.on<Batch>(CHANNEL, (batch) => {
      if (batch.from === INSTANCE_ID) return;
      const checks = new Map(this.catalog.checks().map((c) => [c.id, c]));
      for (const obs of batch.observations) {
        const check = checks.get(obs.checkId);
        if (!check) continue;
        this.leases.noteRunElsewhere(check.id, obs.startedAt);
        this.status.observe(check, obs);
      }
    });
  }

  onModuleDestroy(): void {
    clearTimeout(this.timer);
    this.flush();
  }

  share(observation: Observation): void {
    if (!this.bus.active) return;
    this.pending.push(observation);
    this.timer ??= setTimeout(() => this.flush(), BATCH_MS);
  }

  private flush(): void {
    this.timer = undefined;
    if (!this.pending.length) return;
    const observations = this.pending;
    this.pending = [];
    this.bus.emit(CHANNEL, { from: INSTANCE_ID, observations } satisfies Batch);
  }
}
