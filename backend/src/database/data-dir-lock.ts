import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirInUseError extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One Lifeline process per DATA_DIR: a pid file taken exclusively. A pid file left by a
 * process that no longer runs is taken over; a live owner makes this one refuse to start.
 */
export class DataDirLock {
  private readonly file: string;
  private held = false;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true, mode: 0o755 });
    this.file = join(dataDir, 'lifeline.pid');
  }

  acquire(): void {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(this.file, 'wx', 0o644);
        writeSync(fd, String(process.pid));
        closeSync(fd);
        this.held = true;
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const owner = Number(readFileSync(this.file, 'utf8').trim());
        if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner)) {
          throw new DataDirInUseError(
            `DATA_DIR ${this.file.replace(/\/lifeline\.pid$/, '')} is in use by another Lifeline process (pid ${owner}). ` +
              'Stop that process, or start this one with another DATA_DIR.',
          );
        }
        rmSync(this.file, { force: true });
      }
    }
    throw new DataDirInUseError(`could not lock ${this.file}`);
  }

  release(): void {
    if (!this.held) return;
    this.held = false;
    try {
      if (readFileSync(this.file, 'utf8').trim() === String(process.pid)) rmSync(this.file, { force: true });
    } catch {
      // already gone
    }
  }
}
