import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { maintenanceWindowSchema } from '@lifeline/shared';
import { z } from 'zod';
import { parseAll } from '../common/parse-query.js';
import { MaintenanceService } from './maintenance.service.js';

const author = z.object({ by: z.string({ error: 'expected the name of who plans it' }).trim().min(1).max(100) });

const iso = (ms: number) => new Date(ms).toISOString();

@Controller('api/maintenance')
export class MaintenanceController {
  constructor(private readonly maintenance: MaintenanceService) {}

  @Get()
  list() {
    return this.maintenance.windows().map((w) => ({ ...w, start: iso(w.start), end: iso(w.end), createdAt: iso(w.createdAt) }));
  }

  @Post()
  async create(@Body() body: unknown) {
    const { by, ...rest } = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const [who, window] = parseAll([author, { by }], [maintenanceWindowSchema, rest]);
    const w = await this.maintenance.add(window, who.by);
    return { ...w, start: iso(w.start), end: iso(w.end), createdAt: iso(w.createdAt) };
  }

  @Delete(':id')
  @HttpCode(204)
  async cancel(@Param('id') id: string): Promise<void> {
    await this.maintenance.cancel(id);
  }
}
