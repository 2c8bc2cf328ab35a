import { Injectable, NotFoundException } from '@nestjs/common';
import { heartbeatPushSchema, type ResolvedCheck } from '@lifeline/shared';
import { CatalogService } from '../catalog/catalog.service.js';
import { parseWith } from '../common/parse-query.js';
import { HeartbeatStore } from './heartbeat-store.service.js';
import { checksWithKey } from './push-keys.js';

type HeartbeatCheck = Extract<ResolvedCheck, { kind: 'heartbeat' }>;

/** Takes pushes from the other side: finds the checks a key belongs to, validates the body, stores it. */
@Injectable()
export class HeartbeatsService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly store: HeartbeatStore,
  ) {}

  /** 404 for a key no check has (the same answer, and the same work, whatever the key); 400 naming the field for a bad body. */
  accept(key: string, body: unknown): void {
    const checks = this.catalog.checks().filter((c): c is HeartbeatCheck => c.kind === 'heartbeat');
    const matched = checksWithKey(key, checks, process.env);
    if (matched.length === 0) throw new NotFoundException('unknown heartbeat key');
    const push = parseWith(heartbeatPushSchema, body ?? {});
    for (const check of matched) this.store.record(check, push);
  }
}
