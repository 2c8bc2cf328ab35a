import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Access } from '../auth/access.decorator.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { seesInternals, type Principal } from '../auth/principal.js';
import { HistoryWriterService } from '../history/history-writer.service.js';
import { SchedulerService, DISPATCH_EVERY_MS } from '../scheduler/scheduler.service.js';

const mb = (bytes: number) => Math.round(bytes / 1024 / 102.4) / 10;
/** What the process holds: resident, and of that the JavaScript heap in use and reserved. */
function memoryFigures() {
  const m = process.memoryUsage();
  return { rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), heapTotalMb: mb(m.heapTotal), externalMb: mb(m.external + m.arrayBuffers) };
}

/** Liveness of the parts an operator cares about: the database and the scheduler. */
@Controller('api/health')
export class HealthController {
  constructor(
    private readonly db: DataSource,
    private readonly scheduler: SchedulerService,
    private readonly history: HistoryWriterService,
  ) {}

  /** Public (load balancers, uptime checks) but says only `{status}` to anyone who is not an operator or admin. */
  @Get()
  @Access('public')
  async health(@Res({ passthrough: true }) res: Response, @CurrentPrincipal() principal: Principal | undefined) {
    const started = Date.now();
    let database: { ok: boolean; latencyMs?: number; error?: string };
    try {
      await Promise.race([this.db.query('SELECT 1'), new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 2 s')), 2_000))]);
      database = { ok: true, latencyMs: Date.now() - started };
    } catch (err) {
      database = { ok: false, error: (err as Error).message };
    }
    const s = this.scheduler.stats();
    const schedulerOk = s.lastDispatchAt !== undefined && Date.now() - s.lastDispatchAt < 20 * DISPATCH_EVERY_MS + 1_000;
    const historyStore = {
      ok: !this.history.lastError,
      pending: this.history.pending,
      spooled: this.history.spooled,
      ...(this.history.spoolDropped ? { spoolDropped: this.history.spoolDropped } : {}),
      lastFlushAt: this.history.lastFlushAt ? new Date(this.history.lastFlushAt).toISOString() : null,
      ...(this.history.lastError ? { unavailableSince: new Date(this.history.lastError.at).toISOString() } : {}),
    };
    const ok = database.ok && schedulerOk;
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    if (!seesInternals(principal)) return { status: ok ? 'ok' : 'degraded' };
    return {
      status: ok ? 'ok' : 'degraded',
      database,
      scheduler: { ok: schedulerOk, checks: s.checks, owned: s.owned, inFlight: s.inFlight, runs: s.runs, lagP50Ms: s.lagP50, lagP99Ms: s.lagP99 },
      historyStore,
      memory: memoryFigures(),
    };
  }
}
