import { Controller, Get } from '@nestjs/common';
import { formatZonedIso, type AuditVerifyResult } from '@lifeline/shared';
import { Access } from '../auth/access.decorator.js';
import { CatalogService } from '../catalog/catalog.service.js';
import { AuditVerifyService } from './audit-verify.service.js';

@Controller('api/audit')
export class AuditController {
  constructor(
    private readonly verifier: AuditVerifyService,
    private readonly catalog: CatalogService,
  ) {}

  /** Recomputes the whole chain; `ok: false` names the first row that does not match, and why. */
  @Get('verify')
  @Access('viewer')
  async verify(): Promise<AuditVerifyResult> {
    const result = await this.verifier.verify();
    if (!result.firstBroken) return result;
    const at = formatZonedIso(Date.parse(result.firstBroken.at), this.catalog.catalog.site.timezone);
    return { ...result, firstBroken: { ...result.firstBroken, at } };
  }
}
