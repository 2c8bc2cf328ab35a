import type { ProbeOutcome, ResolvedCheckOf } from '../probe-kind.js';
import { failed } from '../probe-kind.js';

type HttpCheck = ResolvedCheckOf<'http'>;

export function statusAccepted(expect: HttpCheck['expectStatus'], status: number): boolean {
  if (typeof expect === 'number') return status === expect;
  if (Array.isArray(expect)) return expect.includes(status);
  const [lo, hi] = expect.split('-').map(Number);
  return status >= lo && status <= hi;
}

export function describeExpectedStatus(expect: HttpCheck['expectStatus']): string {
  return Array.isArray(expect) ? `one of ${expect.join(', ')}` : String(expect);
}

export interface BodyRead {
  /** The first `limit` bytes as text; only when `keep` was asked for. */
  text?: string;
  /** Bytes read (at most `limit`). */
  bytes: number;
  /** More was sent than `limit`; the rest was not read. */
  truncated: boolean;
}

/**
 * Reads at most `limit` bytes of a body and stops there: leaving the loop early destroys the
 * stream (and its connection), so a huge or endless body costs `limit` bytes of memory and no
 * more time. Only kept when an assertion needs it.
 */
export async function readBodyCapped(body: AsyncIterable<Buffer>, limit: number, keep: boolean): Promise<BodyRead> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  let truncated = false;
  for await (const chunk of body) {
    if (chunk.length === 0) continue;
    const room = limit - bytes;
    if (chunk.length > room) {
      if (keep && room > 0) chunks.push(chunk.subarray(0, room));
      bytes = limit;
      truncated = true;
      break;
    }
    if (keep) chunks.push(chunk);
    bytes += chunk.length;
  }
  return { text: keep ? Buffer.concat(chunks).toString('utf8') : undefined, bytes, truncated };
}

/** `$.a.b[0].c`, `a.b`, `items[2]`: a plain dotted path, no filters. */
export function jsonPathValue(doc: unknown, path: string): unknown {
  return path
    .replace(/^\$\.?/, '')
    .split(/\.|\[(\d+)\]/)
    .filter((p) => p !== undefined && p !== '')
    .reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), doc);
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? 'missing';
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** Judges `bodyContains` and `jsonPath`/`equals`; the message never quotes the body itself. */
export function assertBody(check: HttpCheck, body: BodyRead): ProbeOutcome | undefined {
  const text = body.text ?? '';
  const looked = body.truncated ? ` (looked at the first ${body.bytes} bytes only; the body is larger than maxBodyBytes)` : '';
  if (check.bodyContains !== undefined && !text.includes(check.bodyContains)) {
    return failed('assert', 'assertion', `body does not contain "${check.bodyContains}"${looked}`);
  }
  if (check.jsonPath !== undefined) {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      return failed('assert', 'assertion', `body is not JSON${looked}`);
    }
    const value = jsonPathValue(doc, check.jsonPath);
    if (check.equals !== undefined ? value !== check.equals : value === undefined) {
      const expected = check.equals !== undefined ? shown(check.equals) : 'a value';
      return failed('assert', 'assertion', `${check.jsonPath} is ${shown(value)}, expected ${expected}`);
    }
  }
  return undefined;
}
