import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { maintenanceWindowSchema } from '@lifeline/shared';
import { z } from 'zod';
import { Access } from '../auth/access.decorator.js';
import { noQuery } from '../auth/auth-schemas.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { actorName, type UserPrincipal } from '../auth/principal.js';
import { parseWith } from '../common/parse-query.js';
import { MaintenanceService } from './maintenance.service.js';

const iso = (ms: number) => new Date(ms).toISOString();
const idParam = z.strictObject({ id: z.string().regex(/^\d{1,18}$/, 'expected a maintenance window id') });

@Controller('api/maintenance')
export class MaintenanceController {
  constructor(private readonly maintenance: MaintenanceService) {}

  @Get()
  @Access('viewer')
  list(@Query() query: unknown) {
    parseWith(noQuery, query);
    return this.maintenance.windows().map((w) => ({ ...w, start: iso(w.start), end: iso(w.end), createdAt: iso(w.createdAt) }));
  }

  /** Plans a window; who planned it is the signed-in person, never a field of the body. */
  @Post()
  @Access('operator')
  async create(@Body() body: unknown, @CurrentPrincipal() actor: UserPrincipal) {
    const window = parseWith(maintenanceWindowSchema, body ?? {});
    const w = await this.maintenance.add(window, actorName(actor));
    return { ...w, start: iso(w.start), end: iso(w.end), createdAt: iso(w.createdAt) };
  }

  @Delete(':id')
  @HttpCode(204)
  @Access('operator')
  async cancel(@Param('id') id: string, @CurrentPrincipal() actor: UserPrincipal): Promise<void> {
    await this.maintenance.cancel(parseWith(idParam, { id }).id, actorName(actor));
  }
}
