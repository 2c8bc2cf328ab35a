import { createHash } from 'node:crypto';

/**
 * The audit log's hash chain, as pure functions. Each row's hash is
 * sha256(prev_hash + canonical row) in hex, where the canonical row is the JSON of
 * {seq, at, kind, subject, actor, payload} with object keys sorted (by UTF-16 code units,
 * at every depth), no whitespace, and `at` as UTC ISO 8601 with milliseconds. The first
 * row's prev_hash is 64 zeros. Anyone can recompute it from an export of the table.
 */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditRow {
  seq: number;
  /** Epoch ms (stored as timestamptz; milliseconds survive the round trip). */
  at: number;
  kind: string;
  subject: string;
  actor: string;
  payload: unknown;
}

export interface ChainedAuditRow extends AuditRow {
  prevHash: string;
  hash: string;
}

/** JSON with object keys sorted at every depth: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined || typeof v === 'function' ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const entries = Object.keys(value)
    .sort()
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined && typeof (value as Record<string, unknown>)[k] !== 'function')
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

/**
 * A payload as PostgreSQL's jsonb will give it back: plain JSON values only, strings made
 * well-formed and without NUL (which jsonb refuses — one bad entry must never block the log).
 */
const LONE_SURROGATE_OR_NUL = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\u0000/g;

export function normalizePayload(payload: unknown): unknown {
  const text = JSON.stringify(payload ?? {}, (_k, v: unknown) => (typeof v === 'string' ? v.replace(LONE_SURROGATE_OR_NUL, '\uFFFD') : v));
  return JSON.parse(text);
}

export function canonicalRow(row: AuditRow): string {
  return canonicalJson({ seq: row.seq, at: new Date(row.at).toISOString(), kind: row.kind, subject: row.subject, actor: row.actor, payload: row.payload });
}

export function chainHash(prevHash: string, row: AuditRow): string {
  return createHash('sha256').update(prevHash).update(canonicalRow(row)).digest('hex');
}

/** Chains new rows after the head (`seq` 0 and the genesis hash for an empty log). */
export function chainAfter(head: { seq: number; hash: string }, rows: ReadonlyArray<Omit<AuditRow, 'seq'>>): ChainedAuditRow[] {
  let prev = head.hash;
  return rows.map((r, i) => {
    const row: AuditRow = { ...r, seq: head.seq + 1 + i };
    const hash = chainHash(prev, row);
    const chained = { ...row, prevHash: prev, hash };
    prev = hash;
    return chained;
  });
}

export interface BrokenLink {
  seq: number;
  at: number;
  kind: string;
  reason: string;
}

/** Checks stored rows one by one, in seq order; reports what is wrong with a row, if anything. */
export class ChainVerifier {
  private prevHash = GENESIS_HASH;
  private prevSeq = 0;
  rows = 0;

  check(row: ChainedAuditRow): BrokenLink | undefined {
    const broken = (reason: string): BrokenLink => ({ seq: row.seq, at: row.at, kind: row.kind, reason });
    let problem: BrokenLink | undefined;
    if (row.seq !== this.prevSeq + 1) {
      const missing = row.seq - this.prevSeq - 1;
      problem = broken(
        missing > 0
          ? `${missing === 1 ? `row ${this.prevSeq + 1} is` : `rows ${this.prevSeq + 1}–${row.seq - 1} are`} missing before this one (removed)`
          : `seq ${row.seq} out of order after ${this.prevSeq}`,
      );
    } else if (row.prevHash !== this.prevHash) {
      problem = broken(
        this.prevSeq === 0
          ? 'the first row does not start from the genesis hash'
          : `prev_hash does not match the hash of row ${this.prevSeq}: that row or its hash was rewritten`,
      );
    } else if (chainHash(row.prevHash, row) !== row.hash) {
      problem = broken('hash does not match the row: its content was changed after it was written');
    }
    this.rows += 1;
    this.prevSeq = row.seq;
    this.prevHash = row.hash;
    return problem;
  }
}
