import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { Transform } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { ExportOutput } from './export-content.js';

/**
 * A file being written with the SHA-256 of its exact bytes computed on the way: the export
 * goes to disk (constant memory) and its digest is known before the first byte is sent.
 */
export class HashingFile implements ExportOutput {
  private readonly hash = createHash('sha256');
  private readonly file: WriteStream;
  private readonly hasher: Transform;
  bytes = 0;

  constructor(readonly path: string) {
    this.file = createWriteStream(path, { flags: 'wx', mode: 0o600 });
    this.hasher = new Transform({
      transform: (chunk: Buffer, _enc, done) => {
        this.hash.update(chunk);
        this.bytes += chunk.length;
        done(null, chunk);
      },
    });
    this.hasher.pipe(this.file);
  }

  get stream(): NodeJS.WritableStream {
    return this.hasher;
  }

  async write(chunk: string | Buffer): Promise<void> {
    if (!this.hasher.write(chunk)) await this.drained();
  }

  /** Waits while the file is behind; writers that pipe (pdfkit) call it between batches. */
  async drained(): Promise<void> {
    if (this.hasher.writableNeedDrain) await once(this.hasher, 'drain');
  }

  /** Ends the file; resolves once it is on disk, with its digest. */
  async close(): Promise<{ sha256: string; bytes: number }> {
    if (!this.hasher.writableEnded) this.hasher.end();
    await finished(this.file);
    return { sha256: this.hash.digest('hex'), bytes: this.bytes };
  }

  /** Closes after a failure without waiting for the rest. */
  abort(): void {
    this.hasher.destroy();
    this.file.destroy();
  }
}
