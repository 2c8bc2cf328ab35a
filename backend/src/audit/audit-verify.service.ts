import { Injectable } from '@nestjs/common';
import type { AuditVerifyResult } from '@lifeline/shared';
import { DataSource } from 'typeorm';
import { ChainVerifier, type BrokenLink, type ChainedAuditRow } from './audit-chain.js';

const BATCH = 2_000;

interface Row {
  seq: string;
  at: Date;
  kind: string;
  subject: string;
  actor: string;
  payload: unknown;
  prev_hash: string;
  hash: string;
}

/**
 * Recomputes the whole chain from the stored rows, a batch at a time in seq order (memory
 * stays constant however long the log), and names the first row that does not match.
 */
@Injectable()
export class AuditVerifyService {
  constructor(private readonly db: DataSource) {}

  async verify(): Promise<AuditVerifyResult> {
    const verifier = new ChainVerifier();
    let first: BrokenLink | undefined;
    let last: ChainedAuditRow | undefined;
    for (let after = 0; ; ) {
      const rows: Row[] = await this.db.query(
        `SELECT "seq", "at", "kind", "subject", "actor", "payload", "prev_hash", "hash" FROM "audit_log" WHERE "seq" > $1 ORDER BY "seq" LIMIT $2`,
        [after, BATCH],
      );
      for (const r of rows) {
        last = { seq: Number(r.seq), at: r.at.getTime(), kind: r.kind, subject: r.subject, actor: r.actor, payload: r.payload, prevHash: r.prev_hash, hash: r.hash };
        const broken = verifier.check(last);
        first ??= broken;
      }
      if (rows.length < BATCH) break;
      after = Number(rows[rows.length - 1].seq);
    }
    return {
      ok: first === undefined,
      rows: verifier.rows,
      head: last ? { seq: last.seq, hash: last.hash } : null,
      ...(first ? { firstBroken: { seq: first.seq, at: new Date(first.at).toISOString(), kind: first.kind, reason: first.reason } } : {}),
    };
  }
}
