import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import type { IncidentSnapshot } from '@lifeline/shared';
import { z } from 'zod';
import { ValidationFailed } from '../common/http-exception.filter.js';
import { parseWith } from '../common/parse-query.js';
import { IncidentsService } from './incidents.service.js';

const isoTime = z.iso.datetime({ offset: true, error: 'expected an ISO 8601 time with offset' });
const windowQuery = z.strictObject({ from: isoTime.optional(), to: isoTime.optional() });
const who = z.string({ error: 'expected the name of who acknowledges' }).trim().min(1, 'must not be empty').max(100);
const ackBody = z.strictObject({ by: who, note: z.string().trim().max(2_000).optional() });
const noteBody = z.strictObject({ by: who, text: z.string({ error: 'expected the note text' }).trim().min(1, 'must not be empty').max(2_000) });

@Controller('api/incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  /** Incidents overlapping the window (default: the last 7 days up to now). */
  @Get()
  list(@Query() query: unknown): Promise<IncidentSnapshot[]> {
    const q = parseWith(windowQuery, query);
    const to = q.to ? Date.parse(q.to) : Date.now();
    const from = q.from ? Date.parse(q.from) : to - 7 * 86_400_000;
    if (from > to) throw new ValidationFailed([{ path: 'from', message: 'must not be after to' }]);
    return this.incidents.list(from, to);
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<IncidentSnapshot> {
    return this.incidents.get(id);
  }

  @Post(':id/ack')
  acknowledge(@Param('id') id: string, @Body() body: unknown): Promise<IncidentSnapshot> {
    const b = parseWith(ackBody, body ?? {});
    return this.incidents.acknowledge(id, b.by, b.note || undefined);
  }

  @Post(':id/notes')
  addNote(@Param('id') id: string, @Body() body: unknown): Promise<IncidentSnapshot> {
    const b = parseWith(noteBody, body ?? {});
    return this.incidents.addNote(id, b.by, b.text);
  }
}
