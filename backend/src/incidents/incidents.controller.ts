import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import type { IncidentSnapshot } from '@lifeline/shared';
import { z } from 'zod';
import { Access } from '../auth/access.decorator.js';
import { noQuery } from '../auth/auth-schemas.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { actorName, seesInternals, type Principal, type UserPrincipal } from '../auth/principal.js';
import { projectIncident } from '../auth/viewer-projection.js';
import { ValidationFailed } from '../common/http-exception.filter.js';
import { parseWith } from '../common/parse-query.js';
import { IncidentsService } from './incidents.service.js';

const isoTime = z.iso.datetime({ offset: true, error: 'expected an ISO 8601 time with offset' });
const windowQuery = z.strictObject({ from: isoTime.optional(), to: isoTime.optional() });
const idParam = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9:@._-]{1,128}$/, 'expected an incident id') });
// Who acknowledges or writes is the signed-in person, never a field of the body.
const ackBody = z.strictObject({ note: z.string().trim().max(2_000).optional() });
const noteBody = z.strictObject({ text: z.string({ error: 'expected the note text' }).trim().min(1, 'must not be empty').max(2_000) });

@Controller('api/incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  /** Incidents overlapping the window (default: the last 7 days up to now). */
  @Get()
  @Access('viewer')
  async list(@Query() query: unknown, @CurrentPrincipal() principal: Principal): Promise<IncidentSnapshot[]> {
    const q = parseWith(windowQuery, query);
    const to = q.to ? Date.parse(q.to) : Date.now();
    const from = q.from ? Date.parse(q.from) : to - 7 * 86_400_000;
    if (from > to) throw new ValidationFailed([{ path: 'from', message: 'must not be after to' }]);
    const list = await this.incidents.list(from, to);
    return seesInternals(principal) ? list : list.map(projectIncident);
  }

  @Get(':id')
  @Access('viewer')
  async get(@Param('id') id: string, @Query() query: unknown, @CurrentPrincipal() principal: Principal): Promise<IncidentSnapshot> {
    parseWith(noQuery, query);
    const incident = await this.incidents.get(parseWith(idParam, { id }).id);
    return seesInternals(principal) ? incident : projectIncident(incident);
  }

  @Post(':id/ack')
  @Access('operator')
  acknowledge(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() actor: UserPrincipal): Promise<IncidentSnapshot> {
    const b = parseWith(ackBody, body ?? {});
    return this.incidents.acknowledge(parseWith(idParam, { id }).id, actorName(actor), b.note || undefined);
  }

  @Post(':id/notes')
  @Access('operator')
  addNote(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() actor: UserPrincipal): Promise<IncidentSnapshot> {
    const b = parseWith(noteBody, body ?? {});
    return this.incidents.addNote(parseWith(idParam, { id }).id, actorName(actor), b.text);
  }
}
