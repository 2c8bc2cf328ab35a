import { Injectable } from '@nestjs/common';
import type { Observation, ResolvedCheck } from '@lifeline/shared';
import { StatusService } from '../status/status.service.js';
import { HistoryWriterService } from '../history/history-writer.service.js';
import { ObservationRelay } from '../cluster/observation-relay.service.js';

/** Where every probe outcome goes: judged for the live status, and queued for history. */
@Injectable()
export class ResultsService {
  constructor(
    private readonly status: StatusService,
    private readonly history: HistoryWriterService,
    private readonly relay: ObservationRelay,
  ) {}

  record(check: ResolvedCheck, observation: Observation): void {
    this.history.addResult({ observation, integrationId: check.integrationId });
    this.status.observe(check, observation);
    this.relay.share(observation);
  }
}
