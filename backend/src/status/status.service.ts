import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  attribute,
  type Attribution,
  computeVerdict,
  EMPTY_LATENCY_WINDOW,
  initialCheckState,
  latencyBaseline,
  nextCheckState,
  recordLatency,
  type CheckState,
  type IntegrationRefresh,
  type IntegrationSnapshot,
  type LatencyWindow,
  type Observation,
  type ResolvedCheck,
  type Verdict,
} from '@lifeline/shared';
import { Subject, type Observable } from 'rxjs';
import { CatalogService } from '../catalog/catalog.service.js';
import { LeaderService } from '../cluster/leader.service.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { HistoryWriterService } from '../history/history-writer.service.js';
import { LiveEventsService } from '../live/live-events.service.js';
import { MaintenanceService } from '../maintenance/maintenance.service.js';
import { judgeIntegration, type Tracked } from './integration-judge.js';
import { SettlePacer } from './settle-pacer.js';

/** Every integration as judged at one moment: what incidents are reconciled against. */
export interface Evaluation {
  now: number;
  integrations: IntegrationSnapshot[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined) => a === b || (!!a && !!b && a.length === b.length && a.every((x, i) => x === b[i]));
const sameAttribution = (a: Attribution | null, b: Attribution | null) =>
  a === b || (!!a && !!b && a.cause === b.cause && a.via === b.via && sameList(a.reasons, b.reasons));
const sameTracked = (p: Tracked, n: Tracked) => {
  const [a, b] = [p.snapshot, n.snapshot];
  return (
    a.status === b.status &&
    a.since === b.since &&
    a.latencyMs === b.latencyMs &&
    a.lastCheckedAt === b.lastCheckedAt &&
    a.delay === b.delay &&
    sameList(a.reasons, b.reasons) &&
    same(a.maintenance, b.maintenance) &&
    p.lastAffectedAt === n.lastAffectedAt &&
    p.suspect === n.suspect
  );
};
const refreshOf = (s: IntegrationSnapshot): IntegrationRefresh => ({
  id: s.id,
  latencyMs: s.latencyMs,
  lastCheckedAt: s.lastCheckedAt,
  reasons: s.reasons,
  ...(s.delay !== undefined ? { delay: s.delay } : {}),
});

/**
 * Keeps the judged state of every check and integration, and turns each change into a
 * transition record and a live event. The judging itself is the shared domain's.
 */
@Injectable()
export class StatusService implements OnModuleDestroy {
  private readonly logger = new Logger('Status');
  private readonly checks = new Map<string, CheckState>();
  /** Each check's recent successful latencies: its baseline, so "slow" needs no absolute threshold. */
  private readonly latencies = new Map<string, LatencyWindow>();
  private readonly tracked = new Map<string, Tracked>();
  /** Latency, freshness or wording changed, status did not: sent together with the next tick. */
  private readonly dirty = new Set<string>();
  /** Status changed, not yet settled (attribution, verdict, incidents) and published. */
  private readonly changed = new Set<string>();
  private readonly pacer = new SettlePacer(
    () => this.settle(this.clock()),
    (err) => this.logger.error(`settling status changes failed: ${(err as Error).stack ?? String(err)}`),
  );
  private readonly evaluations = new Subject<Evaluation>();
  private verdict: Verdict;

  constructor(
    private readonly catalog: CatalogService,
    private readonly live: LiveEventsService,
    private readonly history: HistoryWriterService,
    private readonly maintenance: MaintenanceService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly leader: LeaderService,
  ) {
    const now = clock();
    for (const i of catalog.catalog.integrations) for (const c of i.checks) this.checks.set(c.id, initialCheckState(now));
    this.judge(this.allIds(), now);
    this.attributeAll(now);
    this.verdict = this.computeVerdict(now, undefined);
  }

  /** Emitted after every evaluation that may matter to incidents. */
  get evaluated(): Observable<Evaluation> {
    return this.evaluations.asObservable();
  }

  get currentVerdict(): Verdict {
    return this.verdict;
  }

  integrations(): IntegrationSnapshot[] {
    return [...this.tracked.values()].map((t) => t.snapshot);
  }

  integration(id: string): IntegrationSnapshot | undefined {
    return this.tracked.get(id)?.snapshot;
  }

  /** Feeds one probe outcome in; a status change is published at once. */
  observe(check: ResolvedCheck, obs: Observation): void {
    const prev = this.checks.get(check.id) ?? initialCheckState(obs.startedAt);
    const window = this.latencies.get(check.id) ?? EMPTY_LATENCY_WINDOW;
    this.checks.set(check.id, nextCheckState(prev, obs, check, latencyBaseline(window, obs.startedAt)));
    this.latencies.set(check.id, recordLatency(window, obs));
    const now = this.clock();
    for (const id of this.judge([check.integrationId], now)) this.changed.add(id);
    if (this.changed.size > 0) this.pacer.request();
  }

  onModuleDestroy(): void {
    this.pacer.cancel();
  }

  /**
   * Full pass on every tick: silent checks turn unknown, maintenance windows begin and end,
   * attribution sees slow answers not yet turned into a status, pending latency updates go out.
   */
  reevaluate(): void {
    for (const id of this.judge(this.allIds(), this.clock())) this.changed.add(id);
    this.pacer.runNow();
    // One event for all of them: with thousands of checks, one per integration would flood every screen.
    const refreshed = [...this.dirty].flatMap((id) => {
      const t = this.tracked.get(id);
      return t ? [refreshOf(t.snapshot)] : [];
    });
    this.dirty.clear();
    if (refreshed.length > 0) this.live.publish({ name: 'integrations.refreshed', payload: { integrations: refreshed } });
  }

  private allIds(): string[] {
    return this.catalog.catalog.integrations.map((i) => i.id);
  }

  /** Re-judges the given integrations; returns those whose status changed. */
  private judge(ids: readonly string[], now: number): string[] {
    const changed: string[] = [];
    const windows = this.maintenance.windows();
    const tz = this.catalog.catalog.site.timezone;
    for (const id of ids) {
      const def = this.catalog.integration(id);
      if (!def) continue;
      const prev = this.tracked.get(id);
      const next = judgeIntegration(def, this.checks, windows, prev, now, tz);
      // Unchanged: keep the old object, so the new one dies young (thousands of them every tick).
      if (prev && sameTracked(prev, next)) continue;
      this.tracked.set(id, next);
      if (!prev) continue;
      const [a, b] = [prev.snapshot, next.snapshot];
      if (a.status !== b.status) {
        changed.push(id);
        // Every instance judges; only the leader records, so a transition is written once.
        if (this.leader.isLeader()) this.history.addTransition({ integrationId: id, from: a.status, to: b.status, at: Date.parse(b.since), reasons: b.reasons });
        this.logger.log(`${id}: ${a.status} → ${b.status} (${b.reasons.join('; ')})`);
      } else if (a.latencyMs !== b.latencyMs || a.lastCheckedAt !== b.lastCheckedAt || a.delay !== b.delay || !sameList(a.reasons, b.reasons)) {
        this.dirty.add(id);
      }
    }
    return changed;
  }

  /**
   * After status changes: attribution, verdict, and their live events. Status changes and
   * re-attributions go out at once; latency-only changes wait for the next tick.
   */
  private settle(now: number): void {
    const changed = [...this.changed];
    this.changed.clear();
    for (const id of new Set([...changed, ...this.attributeAll(now)])) {
      this.dirty.delete(id);
      this.publishIntegration(id);
    }
    const verdict = this.computeVerdict(now, this.verdict);
    if (!same(verdict, this.verdict)) {
      this.verdict = verdict;
      this.live.publish({ name: 'verdict.updated', payload: { verdict } });
    }
    this.evaluations.next({ now, integrations: this.integrations() });
  }

  private publishIntegration(id: string): void {
    const t = this.tracked.get(id);
    if (t) this.live.publish({ name: 'integration.updated', payload: { integration: t.snapshot } });
  }

  /** Re-derives every attribution; returns the ids whose attribution changed. */
  private attributeAll(now: number): string[] {
    const items = [...this.tracked.values()].map(({ snapshot: s, lastAffectedAt, suspect }) => ({
      id: s.id,
      name: s.name,
      side: s.side,
      partner: s.partner,
      role: s.role,
      status: s.status,
      dependsOn: s.dependsOn,
      lastAffectedAt,
      suspect,
      // When the trouble began, and whether a canary has been asked since (perimeter rule).
      since: Date.parse(s.since),
      lastCheckedAt: s.lastCheckedAt === null ? undefined : Date.parse(s.lastCheckedAt),
    }));
    const { byId } = attribute(items, now, this.catalog.catalog.attribution);
    const changed: string[] = [];
    for (const t of this.tracked.values()) {
      const next = byId.get(t.snapshot.id) ?? null;
      if (!sameAttribution(next, t.snapshot.attribution)) {
        t.snapshot = { ...t.snapshot, attribution: next };
        changed.push(t.snapshot.id);
      }
    }
    return changed;
  }

  private computeVerdict(now: number, previous: Verdict | undefined): Verdict {
    const items = this.integrations().map((i) => ({
      id: i.id,
      name: i.name,
      side: i.side,
      partner: i.partner,
      role: i.role,
      status: i.status,
      since: Date.parse(i.since),
      attribution: i.attribution,
    }));
    return computeVerdict(items, previous, now, this.catalog.catalog.site.timezone);
  }
}
