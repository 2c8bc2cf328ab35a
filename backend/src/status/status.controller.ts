import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { describeIntegration, type IntegrationListEntry } from '@lifeline/shared';
import { z } from 'zod';
import { Access } from '../auth/access.decorator.js';
import { noQuery } from '../auth/auth-schemas.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { seesInternals, type Principal } from '../auth/principal.js';
import { projectHistory, projectIntegrationEntry } from '../auth/viewer-projection.js';
import { CatalogService } from '../catalog/catalog.service.js';
import { ValidationFailed } from '../common/http-exception.filter.js';
import { parseWith } from '../common/parse-query.js';
import { HistoryQueryService } from '../history/history-query.service.js';
import { StatusService } from './status.service.js';

const windowQuery = z.strictObject({
  from: z.iso.datetime({ offset: true, error: 'expected an ISO 8601 time with offset' }).optional(),
  to: z.iso.datetime({ offset: true, error: 'expected an ISO 8601 time with offset' }).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(1_000),
});

@Controller('api')
export class StatusController {
  constructor(
    private readonly status: StatusService,
    private readonly catalog: CatalogService,
    private readonly history: HistoryQueryService,
  ) {}

  /**
   * The catalog in force. Operators and admins get each check's settings (its target
   * included, secrets never: those stay in env vars named by `*Env` fields); viewers only
   * each check's kind and interval.
   */
  @Get('integrations')
  @Access('viewer')
  integrations(@Query() query: unknown, @CurrentPrincipal() principal: Principal) {
    parseWith(noQuery, query);
    const entries: IntegrationListEntry[] = this.catalog.catalog.integrations.map((i) => ({
      ...describeIntegration(i),
      checks: i.checks.map((c) => ({ id: c.id, kind: c.kind, interval: c.interval, timeout: c.timeout })),
      status: this.status.integration(i.id) ?? null,
    }));
    if (!seesInternals(principal)) return entries.map(projectIntegrationEntry);
    return entries.map((e, n) => ({ ...e, checks: this.catalog.catalog.integrations[n].checks.map(({ integrationId: _i, ...c }) => c) }));
  }

  @Get('integrations/:id/history')
  @Access('viewer')
  async integrationHistory(@Param('id') id: string, @Query() query: unknown, @CurrentPrincipal() principal: Principal) {
    if (!this.catalog.integration(id)) throw new NotFoundException(`no integration "${id}"`);
    const q = parseWith(windowQuery, query);
    const to = q.to ? Date.parse(q.to) : Date.now();
    const from = q.from ? Date.parse(q.from) : to - 24 * 3_600_000;
    if (from > to) throw new ValidationFailed([{ path: 'from', message: 'must not be after to' }]);
    const history = { id, from: new Date(from).toISOString(), to: new Date(to).toISOString(), ...(await this.history.forIntegration(id, from, to, q.limit)) };
    return seesInternals(principal) ? history : projectHistory(history);
  }
}
