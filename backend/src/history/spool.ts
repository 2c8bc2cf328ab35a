import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Above this size a segment is closed and a new one started. */
const SEGMENT_BYTES = 4 * 1024 * 1024;

export interface SpoolSegment<T> {
  name: string;
  rows: T[];
}

export interface SpoolOptions {
  /** Bound on the bytes this stream holds on disk. */
  maxBytes: number;
  /** When full: true drops the oldest segments (and counts their rows); false keeps everything and only warns. */
  droppable: boolean;
  /** Told once per overflow episode (log it loudly). */
  onOverflow?: (message: string) => void;
}

/**
 * An append-only queue of rows on disk, for one stream (results, transitions, audit): JSON
 * lines in numbered segment files under `dir`, fsync'd per append, read back oldest first. A
 * segment is deleted only when its rows are acknowledged as committed. It survives a restart:
 * the segments found at construction are the oldest rows.
 */
export class Spool<T> {
  private segments: Array<{ name: string; bytes: number; rows: number }> = [];
  private open?: { name: string; fd: number };
  private next = 0;
  private overflowing = false;
  /** Rows thrown away because the spool was full (droppable streams only). */
  dropped = 0;

  constructor(
    private readonly dir: string,
    private readonly opts: SpoolOptions,
  ) {
    mkdirSync(dir, { recursive: true });
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.jsonl')).sort()) {
      const text = readFileSync(join(dir, name), 'utf8');
      this.segments.push({ name, bytes: statSync(join(dir, name)).size, rows: text.split('\n').filter(Boolean).length });
      this.next = Math.max(this.next, Number.parseInt(name, 10) + 1);
    }
  }

  get rows(): number {
    return this.segments.reduce((n, s) => n + s.rows, 0);
  }

  get bytes(): number {
    return this.segments.reduce((n, s) => n + s.bytes, 0);
  }

  get empty(): boolean {
    return this.segments.length === 0;
  }

  /** Appends rows durably (written and fsync'd before returning). */
  append(rows: readonly T[]): void {
    if (rows.length === 0) return;
    const text = rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
    const last = this.segments.at(-1);
    if (!this.open || !last || last.name !== this.open.name || last.bytes >= SEGMENT_BYTES) this.rotate();
    const segment = this.segments.at(-1)!;
    const buf = Buffer.from(text, 'utf8');
    writeSync(this.open!.fd, buf);
    fsyncSync(this.open!.fd);
    segment.bytes += buf.length;
    segment.rows += rows.length;
    this.bound();
  }

  /** The oldest segment's rows (closing it for appends first), or undefined when empty. */
  peek(): SpoolSegment<T> | undefined {
    const first = this.segments[0];
    if (!first) return undefined;
    if (this.open?.name === first.name) this.close();
    const text = readFileSync(join(this.dir, first.name), 'utf8');
    const rows: T[] = [];
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        rows.push(JSON.parse(line) as T);
      } catch {
        // A torn last line (crash mid-write, before its fsync returned): it was never acknowledged.
      }
    }
    return { name: first.name, rows };
  }

  /** The segment's rows are committed: forget it. */
  ack(name: string): void {
    const i = this.segments.findIndex((s) => s.name === name);
    if (i < 0) return;
    if (this.open?.name === name) this.close();
    this.segments.splice(i, 1);
    unlinkSync(join(this.dir, name));
    if (this.bytes <= this.opts.maxBytes) this.overflowing = false;
  }

  /** Closes the open segment (on shutdown). */
  close(): void {
    if (!this.open) return;
    closeSync(this.open.fd);
    this.open = undefined;
  }

  private rotate(): void {
    this.close();
    const name = `${String(this.next++).padStart(12, '0')}.jsonl`;
    this.open = { name, fd: openSync(join(this.dir, name), 'a') };
    this.segments.push({ name, bytes: 0, rows: 0 });
  }

  private bound(): void {
    if (this.bytes <= this.opts.maxBytes) return;
    if (!this.opts.droppable) {
      if (!this.overflowing) this.opts.onOverflow?.(`spool ${this.dir} is over its bound (${this.bytes} bytes): keeping every row anyway`);
      this.overflowing = true;
      return;
    }
    let droppedNow = 0;
    while (this.bytes > this.opts.maxBytes && this.segments.length > 1) {
      const oldest = this.segments[0];
      droppedNow += oldest.rows;
      this.ack(oldest.name);
    }
    this.dropped += droppedNow;
    if (droppedNow > 0) this.opts.onOverflow?.(`spool ${this.dir} full: dropped the ${droppedNow} oldest rows (${this.dropped} in all)`);
  }
}
