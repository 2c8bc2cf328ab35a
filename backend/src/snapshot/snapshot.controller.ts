import { Controller, Get } from '@nestjs/common';
import type { Snapshot } from '@lifeline/shared';
import { SnapshotService } from './snapshot.service.js';

@Controller('api/status')
export class SnapshotController {
  constructor(private readonly snapshots: SnapshotService) {}

  /** The same snapshot a `/live` client gets on connect. */
  @Get()
  snapshot(): Snapshot {
    return this.snapshots.snapshot();
  }
}
