import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, NotFoundException, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { reconcileIncidents, toIncidentSnapshot, type IncidentChange, type IncidentSnapshot, type IncidentState } from '@lifeline/shared';
import { Subject, type Observable, type Subscription } from 'rxjs';
import { CatalogService } from '../catalog/catalog.service.js';
import { ClusterBus } from '../cluster/cluster-bus.service.js';
import { LeaderService } from '../cluster/leader.service.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { LiveEventsService } from '../live/live-events.service.js';
import { StatusService, type Evaluation } from '../status/status.service.js';
import { IncidentRepository, type Annotations } from './incident.repository.js';

/** An acknowledgement or note as it is added, with who added it (the audit log records it). */
export interface IncidentAnnotated {
  incidentId: string;
  kind: 'ack' | 'note';
  by: string;
  text?: string;
}

/** An incident change as the instance that made it tells the others. */
interface RelayedChange {
  name: 'incident.opened' | 'incident.updated' | 'incident.resolved';
  state: IncidentState;
  snapshot: IncidentSnapshot;
}
const RELAY = 'cluster:incident';

const newIncidentId = (_key: string, now: number) => `inc-${now.toString(36)}-${randomBytes(3).toString('hex')}`;

/**
 * Opens, updates and resolves incidents from each evaluation (the grouping rules are the
 * shared domain's reducer), keeps them in the database, and announces every change live.
 * Open incidents are read back at start, so a restart neither loses nor duplicates them.
 */
@Injectable()
export class IncidentsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Incidents');
  private open: IncidentState[] = [];
  private annotations = new Map<string, Annotations>();
  private subscription?: Subscription;
  private writes: Promise<void> = Promise.resolve();
  private readonly annotated$ = new Subject<IncidentAnnotated>();
  readonly annotated: Observable<IncidentAnnotated> = this.annotated$.asObservable();

  constructor(
    private readonly status: StatusService,
    private readonly repository: IncidentRepository,
    private readonly live: LiveEventsService,
    private readonly catalog: CatalogService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly leader: LeaderService,
    private readonly bus: ClusterBus,
  ) {}

  async onModuleInit(): Promise<void> {
    this.open = await this.repository.open();
    this.annotations = await this.repository.annotations(this.open.map((i) => i.id));
    if (this.open.length) this.logger.log(`${this.open.length} incident(s) still open from before the restart`);
    this.subscription = this.status.evaluated.subscribe((e) => this.reconcile(e));
    // Several instances: only the leader reconciles and stores; the others show what it tells them.
    this.subscription.add(this.leader.gained.subscribe(() => void this.takeOver()));
    this.bus.on<RelayedChange>(RELAY, (c) => this.relayed(c));
  }

  private async takeOver(): Promise<void> {
    try {
      this.open = await this.repository.open();
      this.annotations = await this.repository.annotations(this.open.map((i) => i.id));
      this.logger.log(`leader now: ${this.open.length} open incident(s) taken over`);
    } catch (err) {
      this.logger.error(`could not read open incidents: ${(err as Error).message}`);
    }
  }

  private relayed({ name, state, snapshot }: RelayedChange): void {
    if (!this.leader.isLeader()) {
      this.open = name === 'incident.resolved' ? this.open.filter((i) => i.id !== state.id) : [...this.open.filter((i) => i.id !== state.id), state];
    }
    if (name === 'incident.resolved') this.annotations.delete(state.id);
    else this.annotations.set(state.id, { acknowledgements: snapshot.acknowledgements, notes: snapshot.notes });
    this.live.publishRelayed({ name, payload: { incident: snapshot } });
  }

  async onModuleDestroy(): Promise<void> {
    this.subscription?.unsubscribe();
    await this.writes;
  }

  /** Open incidents (including those cooling down after recovery), as the snapshot shows them. */
  current(): IncidentSnapshot[] {
    return this.open.map((s) => this.toSnapshot(s));
  }

  async get(id: string): Promise<IncidentSnapshot> {
    const state = this.open.find((i) => i.id === id) ?? (await this.repository.find(id));
    if (!state) throw new NotFoundException(`no incident "${id}"`);
    const annotations = this.annotations.get(id) ?? (await this.repository.annotations([id])).get(id);
    return toIncidentSnapshot(state, annotations?.acknowledgements, annotations?.notes);
  }

  async list(from: number, to: number): Promise<IncidentSnapshot[]> {
    const states = await this.repository.inWindow(from, to);
    const annotations = await this.repository.annotations(states.map((s) => s.id));
    return states.map((s) => toIncidentSnapshot(s, annotations.get(s.id)?.acknowledgements, annotations.get(s.id)?.notes));
  }

  async acknowledge(id: string, by: string, note?: string): Promise<IncidentSnapshot> {
    return this.annotate(id, 'ack', by, note);
  }

  async addNote(id: string, by: string, text: string): Promise<IncidentSnapshot> {
    return this.annotate(id, 'note', by, text);
  }

  private async annotate(id: string, kind: 'ack' | 'note', by: string, text: string | undefined): Promise<IncidentSnapshot> {
    await this.get(id);
    await this.repository.annotate(id, kind, by, text);
    this.annotated$.next({ incidentId: id, kind, by, text });
    const fresh = (await this.repository.annotations([id])).get(id)!;
    if (this.open.some((i) => i.id === id)) this.annotations.set(id, fresh);
    const snapshot = await this.get(id);
    this.live.publish({ name: 'incident.updated', payload: { incident: snapshot } });
    const state = this.open.find((i) => i.id === id);
    if (state) this.bus.emit(RELAY, { name: 'incident.updated', state, snapshot } satisfies RelayedChange);
    return snapshot;
  }

  private reconcile(evaluation: Evaluation): void {
    if (!this.leader.isLeader()) return;
    const { coolDownMs, settleMs } = this.catalog.catalog.incidents;
    const current = evaluation.integrations.map((i) => ({
      id: i.id,
      name: i.name,
      side: i.side,
      partner: i.partner,
      status: i.status,
      since: Date.parse(i.since),
      attribution: i.attribution,
    }));
    const result = reconcileIncidents(this.open, current, evaluation.now, { coolDownMs, settleMs, newId: newIncidentId });
    this.open = result.open;
    for (const change of result.events) this.announce(change);
  }

  private announce(change: IncidentChange): void {
    const closed = change.type === 'resolved';
    const state = change.incident;
    // Writes are chained so an incident's rows land in the order its changes happened.
    this.writes = this.writes.then(() => this.repository.save(state, closed)).catch((err) => this.logger.error(`could not store incident ${state.id}: ${(err as Error).message}`));
    if (closed) this.annotations.delete(state.id);
    const name = change.type === 'opened' ? 'incident.opened' : change.type === 'resolved' ? 'incident.resolved' : 'incident.updated';
    const snapshot = this.toSnapshot(state);
    this.live.publish({ name, payload: { incident: snapshot } });
    this.bus.emit(RELAY, { name, state, snapshot } satisfies RelayedChange);
    this.logger.log(`${change.type}: ${state.title}`);
  }

  private toSnapshot(state: IncidentState): IncidentSnapshot {
    const a = this.annotations.get(state.id);
    return toIncidentSnapshot(state, a?.acknowledgements, a?.notes);
  }
}
