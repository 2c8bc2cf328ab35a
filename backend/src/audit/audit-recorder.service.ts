import { createHash } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { IncidentSnapshot } from '@lifeline/shared';
import { filter, Subscription } from 'rxjs';
import { CatalogService } from '../catalog/catalog.service.js';
import { HistoryWriterService } from '../history/history-writer.service.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { LiveEventsService, type LiveEvent } from '../live/live-events.service.js';
import { MaintenanceService } from '../maintenance/maintenance.service.js';
import { canonicalJson } from './audit-chain.js';
import { AuditService } from './audit.service.js';

const SYSTEM = 'system';
const iso = (ms: number) => new Date(ms).toISOString();

/** What the audit keeps of an incident: who is in it and how it stands, not its whole timeline. */
function incidentRecord(i: IncidentSnapshot) {
  return {
    id: i.id,
    key: i.key,
    kind: i.kind,
    subject: i.subject ?? null,
    title: i.title,
    status: i.status,
    worst: i.worst,
    openedAt: i.openedAt,
    resolvedAt: i.resolvedAt ?? null,
    mergedInto: i.mergedInto ?? null,
    members: i.members.map((m) => ({ integrationId: m.integrationId, status: m.status, worst: m.worst, leftAs: m.leftAs ?? null, movedTo: m.movedTo ?? null })),
  };
}

/**
 * Feeds the audit log from the events other modules already publish: state transitions
 * (history writer), incidents (live events), acknowledgements and notes (incidents),
 * maintenance windows, and the catalog in force at start. It only listens. (Sign-in
 * administration — users, kiosk tokens — is appended by the auth module's AuthAudit.)
 */
@Injectable()
export class AuditRecorderService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('AuditRecorder');
  private readonly subscription = new Subscription();
  /** Per open incident, what was last recorded: an `incident.updated` that changes none of it (an ack re-announced) is not recorded again. */
  private readonly recorded = new Map<string, string>();

  constructor(
    private readonly audit: AuditService,
    private readonly history: HistoryWriterService,
    private readonly live: LiveEventsService,
    private readonly incidents: IncidentsService,
    private readonly maintenance: MaintenanceService,
    private readonly catalog: CatalogService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.subscription.add(
      this.history.transitionAdded.subscribe((t) =>
        this.audit.append('transition', t.integrationId, SYSTEM, { from: t.from, to: t.to, at: iso(t.at), reasons: t.reasons }),
      ),
    );
    this.subscription.add(
      this.live.events
        .pipe(filter((e): e is Extract<LiveEvent, { name: `incident.${string}` }> => e.name.startsWith('incident.')))
        .subscribe((e) => this.incident(e.name, e.payload.incident)),
    );
    this.subscription.add(
      this.incidents.annotated.subscribe((a) =>
        a.kind === 'ack'
          ? this.audit.append('incident.acknowledged', a.incidentId, a.by, { note: a.text ?? null })
          : this.audit.append('incident.note', a.incidentId, a.by, { text: a.text ?? '' }),
      ),
    );
    this.subscription.add(
      this.maintenance.changes.subscribe(({ type, window: w, by }) =>
        this.audit.append(`maintenance.${type}`, `maintenance:${w.id}`, by, {
          id: w.id,
          integrationId: w.integrationId,
          start: iso(w.start),
          end: iso(w.end),
          reason: w.reason,
        }),
      ),
    );
    await this.recordCatalog().catch((err: Error) => this.logger.warn(`could not record the catalog in the audit log: ${err.message}`));
  }

  onModuleDestroy(): void {
    this.subscription.unsubscribe();
  }

  private incident(name: 'incident.opened' | 'incident.updated' | 'incident.resolved', incident: IncidentSnapshot): void {
    const record = incidentRecord(incident);
    const signature = canonicalJson(record);
    if (name === 'incident.updated' && this.recorded.get(incident.id) === signature) return;
    if (name === 'incident.resolved') this.recorded.delete(incident.id);
    else this.recorded.set(incident.id, signature);
    this.audit.append(name, incident.id, SYSTEM, record);
  }

  /** `catalog.loaded` at every start; `catalog.changed` when it differs from the catalog last recorded. */
  private async recordCatalog(): Promise<void> {
    const catalog = this.catalog.catalog;
    const sha256 = createHash('sha256').update(canonicalJson(catalog)).digest('hex');
    const [previous] = await this.audit.lastOf(['catalog.loaded', 'catalog.changed']);
    const previousSha256 = (previous?.payload as { sha256?: string } | undefined)?.sha256 ?? null;
    const changed = previousSha256 !== null && previousSha256 !== sha256;
    this.audit.append(changed ? 'catalog.changed' : 'catalog.loaded', this.catalog.origin, SYSTEM, {
      origin: this.catalog.origin,
      site: catalog.site.name,
      integrations: catalog.integrations.length,
      checks: catalog.integrations.reduce((n, i) => n + i.checks.length, 0),
      sha256,
      previousSha256,
    });
  }
}
