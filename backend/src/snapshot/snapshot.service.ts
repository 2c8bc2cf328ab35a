import { Inject, Injectable } from '@nestjs/common';
import type { Snapshot } from '@lifeline/shared';
import { CatalogService } from '../catalog/catalog.service.js';
import { CATALOG_SOURCE, type CatalogSource } from '../catalog/catalog.tokens.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { HistoryWriterService } from '../history/history-writer.service.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { LiveEventsService } from '../live/live-events.service.js';
import { StatusService } from '../status/status.service.js';

/** The whole picture at this moment, numbered with the last live event's seq. */
@Injectable()
export class SnapshotService {
  constructor(
    private readonly status: StatusService,
    private readonly incidents: IncidentsService,
    private readonly live: LiveEventsService,
    private readonly catalog: CatalogService,
    @Inject(CATALOG_SOURCE) private readonly source: CatalogSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly history: HistoryWriterService,
  ) {}

  snapshot(): Snapshot {
    const site = this.catalog.catalog.site;
    return {
      serverTime: new Date(this.clock()).toISOString(),
      seq: this.live.currentSeq,
      site: { name: site.name, timezone: site.timezone },
      verdict: this.status.currentVerdict,
      integrations: this.status.integrations(),
      incidents: this.incidents.current(),
      ...(this.source.demo ? { demo: this.source.demo() } : {}),
      historyStore: this.history.state,
    };
  }
}
