import { Controller, Get, Query } from '@nestjs/common';
import type { Snapshot } from '@lifeline/shared';
import { Access } from '../auth/access.decorator.js';
import { noQuery } from '../auth/auth-schemas.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { seesInternals, type Principal } from '../auth/principal.js';
import { projectSnapshot } from '../auth/viewer-projection.js';
import { parseWith } from '../common/parse-query.js';
import { SnapshotService } from './snapshot.service.js';

@Controller('api/status')
export class SnapshotController {
  constructor(private readonly snapshots: SnapshotService) {}

  /** The same snapshot a `/live` client gets on connect: projected for viewers and wall screens. */
  @Get()
  @Access('viewer')
  snapshot(@Query() query: unknown, @CurrentPrincipal() principal: Principal): Snapshot {
    parseWith(noQuery, query);
    const snapshot = this.snapshots.snapshot();
    return seesInternals(principal) ? snapshot : projectSnapshot(snapshot);
  }
}
