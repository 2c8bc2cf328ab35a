import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Spool } from './spool.js';

const dirs: string[] = [];
const dir = () => {
  const d = mkdtempSync(join(tmpdir(), 'spool-'));
  dirs.push(d);
  return join(d, 'stream');
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('Spool', () => {
  it('gives rows back oldest first, and forgets a segment only when acknowledged', () => {
    const spool = new Spool<{ n: number }>(dir(), { maxBytes: 1e6, droppable: false });
    spool.append([{ n: 1 }, { n: 2 }]);
    const first = spool.peek()!;
    spool.append([{ n: 3 }]);
    expect(first.rows).toEqual([{ n: 1 }, { n: 2 }]);
    expect(spool.peek()!.rows).toEqual([{ n: 1 }, { n: 2 }]);
    spool.ack(first.name);
    expect(spool.peek()!.rows).toEqual([{ n: 3 }]);
    expect(spool.rows).toBe(1);
  });

  it('survives a restart, and skips a torn last line', () => {
    const path = dir();
    const before = new Spool<{ n: number }>(path, { maxBytes: 1e6, droppable: false });
    before.append([{ n: 1 }]);
    before.close();
    appendFileSync(join(path, readdirSync(path)[0]), '{"n":');
    const after = new Spool<{ n: number }>(path, { maxBytes: 1e6, droppable: false });
    expect(after.peek()!.rows).toEqual([{ n: 1 }]);
    after.append([{ n: 2 }]);
    after.ack(after.peek()!.name);
    expect(after.peek()!.rows).toEqual([{ n: 2 }]);
  });

  it('when full, drops the oldest segments of a droppable stream and counts them; keeps everything otherwise', () => {
    const warnings: string[] = [];
    const results = new Spool<{ n: number }>(dir(), { maxBytes: 40, droppable: true, onOverflow: (m) => warnings.push(m) });
    const audit = new Spool<{ n: number }>(dir(), { maxBytes: 40, droppable: false, onOverflow: (m) => warnings.push(m) });
    for (let n = 0; n < 6; n++) {
      for (const s of [results, audit]) {
        s.append([{ n }, { n: n + 100 }]);
        s.peek(); // closes the segment, as the drain does, so each append starts a new one
      }
    }
    expect(results.dropped).toBeGreaterThan(0);
    expect(results.rows + results.dropped).toBe(12);
    expect(results.peek()!.rows[0].n).toBeGreaterThan(0);
    expect(audit.rows).toBe(12);
    expect(warnings.length).toBeGreaterThan(0);
  });
});
