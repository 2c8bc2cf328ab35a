import { createReadStream, rmSync } from 'node:fs';
import { Controller, Get, NotFoundException, Param, Query, Res } from '@nestjs/common';
import { AUDIT_EXPORT_FORMATS, EXPORT_DIGEST_HEADER } from '@lifeline/shared';
import type { Response } from 'express';
import { z } from 'zod';
import { Access } from '../auth/access.decorator.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { actorName, type UserPrincipal } from '../auth/principal.js';
import { ValidationFailed } from '../common/http-exception.filter.js';
import { parseWith } from '../common/parse-query.js';
import { ExportService, sidecarPath } from './export.service.js';

const DAY_MS = 86_400_000;
const MAX_WINDOW_DAYS = 366;
const isoTime = z.iso.datetime({ offset: true, error: 'expected an ISO 8601 time with offset, e.g. 2025-03-04T07:00:00+01:00' });
const idList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => [...new Set((Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean))]);
const exportQuery = z.strictObject({
  from: isoTime.optional(),
  to: isoTime.optional(),
  format: z.enum(AUDIT_EXPORT_FORMATS, { error: `expected one of: ${AUDIT_EXPORT_FORMATS.join(', ')}` }),
  integration: idList.optional(),
});

/**
 * `GET /api/audit/export?from=&to=&format=csv|json|pdf[&integration=a,b]`: the file, with its
 * SHA-256 in `X-Content-SHA256`; `GET /api/audit/export/<exportId>.sha256`: the sidecar, in
 * `sha256sum` format, served from the audit log's record of the export. Exports carry the
 * internals (targets, raw reasons), so they take an operator; who exported is recorded.
 */
@Controller('api/audit/export')
export class ExportController {
  constructor(private readonly exports: ExportService) {}

  @Get()
  @Access('operator')
  async export(@Query() query: unknown, @Res() res: Response, @CurrentPrincipal() actor: UserPrincipal): Promise<void> {
    const q = parseWith(exportQuery, query ?? {});
    const to = q.to ? Date.parse(q.to) : Date.now();
    const from = q.from ? Date.parse(q.from) : to - DAY_MS;
    if (from >= to) throw new ValidationFailed([{ path: 'from', message: 'must be before to' }]);
    if (to - from > MAX_WINDOW_DAYS * DAY_MS) throw new ValidationFailed([{ path: 'from', message: `the window may span at most ${MAX_WINDOW_DAYS} days` }]);
    const integrations = q.integration?.length ? q.integration : null;
    if (integrations) {
      const unknown = await this.exports.unknownIntegrations(integrations);
      if (unknown.length) throw new ValidationFailed(unknown.map((id) => ({ path: 'integration', message: `unknown integration "${id}"` })));
    }
    const file = await this.exports.create({ from, to, format: q.format, integrations, by: actorName(actor) });
    if (res.destroyed || res.socket?.destroyed) {
      // The caller left while it was being made (it is in the audit log all the same).
      rmSync(file.path, { force: true });
      return;
    }
    res.status(200);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Length', String(file.bytes));
    res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
    res.setHeader(EXPORT_DIGEST_HEADER, file.sha256);
    res.setHeader('X-Export-Id', file.id);
    res.setHeader('Link', `<${sidecarPath(file.id)}>; rel="describedby"; type="text/plain"`);
    res.setHeader('Cache-Control', 'no-store');
    const body = createReadStream(file.path);
    const remove = () => rmSync(file.path, { force: true });
    res.once('close', () => {
      body.destroy();
      remove();
    });
    body.once('error', () => res.destroy());
    body.pipe(res);
  }

  @Get(':file')
  @Access('viewer')
  async sidecar(@Param('file') name: string, @Res() res: Response): Promise<void> {
    const m = /^(exp-[a-z0-9]+-[0-9a-f]+)\.sha256$/.exec(name);
    const found = m ? await this.exports.sidecar(m[1]) : undefined;
    if (!found) throw new NotFoundException(`no export "${name.replace(/\.sha256$/, '')}"`);
    res.status(200).type('text/plain; charset=utf-8').setHeader('Cache-Control', 'no-store');
    res.send(`${found.sha256}  ${found.filename}\n`);
  }
}
