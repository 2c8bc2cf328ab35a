import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  attribute,
  checkStateAt,
  combineChecks,
  computeVerdict,
  initialCheckState,
  nextCheckState,
  sinceFor,
  type CheckState,
  type Integration,
  type IntegrationSnapshot,
  type Observation,
  type ResolvedCheck,
  type Snapshot,
  type Verdict,
} from '@lifeline/shared';
import { CatalogService } from '../catalog/catalog.service.js';
import { CATALOG_SOURCE, type CatalogSource } from '../catalog/catalog.tokens.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { LiveEventsService } from '../live/live-events.service.js';
import { HistoryWriterService } from '../history/history-writer.service.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * Keeps the judged state of every check and integration, and turns each change into a
 * transition record and a live event. The judging itself is the shared domain's.
 */
@Injectable()
export class StatusService {
  private readonly logger = new Logger('Status');
  private readonly checks = new Map<string, CheckState>();
  private readonly integrations = new Map<string, IntegrationSnapshot>();
  private readonly dirty = new Set<string>();
  private verdict: Verdict;

  constructor(
    private readonly catalog: CatalogService,
    private readonly live: LiveEventsService,
    private readonly history: HistoryWriterService,
    @Inject(CATALOG_SOURCE) private readonly source: CatalogSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    const now = clock();
    for (const i of catalog.catalog.integrations) {
      for (const c of i.checks) this.checks.set(c.id, initialCheckState(now));
      this.integrations.set(i.id, this.evaluate(i, now, undefined));
    }
    this.verdict = this.computeVerdict(now, undefined);
    this.reattribute();
  }

  /** Feeds one probe outcome in; status changes are published at once. */
  observe(check: ResolvedCheck, obs: Observation): void {
    const prev = this.checks.get(check.id) ?? initialCheckState(obs.startedAt);
    this.checks.set(check.id, nextCheckState(prev, obs, check));
    this.refresh([check.integrationId], this.clock());
  }

  /** Periodic pass: checks gone silent turn unknown, and pending latency updates go out. */
  reevaluate(): void {
    const now = this.clock();
    this.refresh(
      this.catalog.catalog.integrations.map((i) => i.id),
      now,
    );
    for (const id of this.dirty) {
      const integration = this.integrations.get(id);
      if (integration) this.live.publish({ name: 'integration.updated', payload: { integration } });
    }
    this.dirty.clear();
  }

  snapshot(): Snapshot {
    const site = this.catalog.catalog.site;
    return {
      serverTime: new Date(this.clock()).toISOString(),
      seq: this.live.currentSeq,
      site: { name: site.name, timezone: site.timezone },
      verdict: this.verdict,
      integrations: [...this.integrations.values()],
      ...(this.source.demo ? { demo: this.source.demo() } : {}),
    };
  }

  integration(id: string): IntegrationSnapshot | undefined {
    return this.integrations.get(id);
  }

  private refresh(ids: readonly string[], now: number): void {
    const changed: string[] = [];
    for (const id of ids) {
      const def = this.catalog.integration(id);
      const prev = this.integrations.get(id);
      if (!def || !prev) continue;
      const next = this.evaluate(def, now, prev);
      this.integrations.set(id, next);
      if (next.status !== prev.status) {
        changed.push(id);
        this.history.addTransition({ integrationId: id, from: prev.status, to: next.status, at: Date.parse(next.since), reasons: next.reasons });
        this.logger.log(`${id}: ${prev.status} → ${next.status} (${next.reasons.join('; ')})`);
      } else if (next.latencyMs !== prev.latencyMs || next.lastCheckedAt !== prev.lastCheckedAt) {
        this.dirty.add(id);
      }
    }
    if (changed.length === 0) return;
    const reattributed = this.reattribute();
    for (const id of new Set([...changed, ...reattributed])) {
      this.dirty.delete(id);
      this.live.publish({ name: 'integration.updated', payload: { integration: this.integrations.get(id)! } });
    }
    const verdict = this.computeVerdict(now, this.verdict);
    if (JSON.stringify(verdict) !== JSON.stringify(this.verdict)) {
      this.verdict = verdict;
      this.live.publish({ name: 'verdict.updated', payload: { verdict } });
    }
  }

  private evaluate(def: Integration, now: number, prev: IntegrationSnapshot | undefined): IntegrationSnapshot {
    const states = def.checks.map((c) => checkStateAt(this.checks.get(c.id) ?? initialCheckState(now), c, now));
    const combined = combineChecks(states);
    const since = sinceFor(prev ? { status: prev.status, since: Date.parse(prev.since) } : undefined, combined.status, now);
    return {
      id: def.id,
      name: def.name,
      side: def.side,
      category: def.category,
      ...(def.partner ? { partner: def.partner } : {}),
      criticality: def.criticality,
      role: def.role,
      status: combined.status,
      since: new Date(since).toISOString(),
      latencyMs: combined.latencyMs,
      attribution: prev?.attribution ?? null,
      lastCheckedAt: iso(combined.lastCheckedAt),
      reasons: combined.reasons,
      dependsOn: def.dependsOn,
    };
  }

  /** Re-derives every attribution; returns the ids whose attribution changed. */
  private reattribute(): string[] {
    const all = [...this.integrations.values()];
    const attributions = attribute(all.map((i) => ({ id: i.id, side: i.side, partner: i.partner, status: i.status, dependsOn: i.dependsOn })));
    const changed: string[] = [];
    for (const i of all) {
      const next = attributions.get(i.id) ?? null;
      if (JSON.stringify(next) !== JSON.stringify(i.attribution)) {
        this.integrations.set(i.id, { ...i, attribution: next });
        changed.push(i.id);
      }
    }
    return changed;
  }

  private computeVerdict(now: number, previous: Verdict | undefined): Verdict {
    const items = [...this.integrations.values()].map((i) => ({ id: i.id, side: i.side, status: i.status, since: Date.parse(i.since), attribution: i.attribution }));
    return computeVerdict(items, previous, now, this.catalog.catalog.site.timezone);
  }
}
