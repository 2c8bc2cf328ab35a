import { Agent, request } from 'undici';
import type { ProbeKind, ProbeOutcome, ResolvedCheckOf } from '../probe-kind.js';
import { failed } from '../probe-kind.js';
import { classifyNetworkError } from '../network-errors.js';

const MAX_BODY_BYTES = 1024 * 1024;

function statusAccepted(expect: ResolvedCheckOf<'http'>['expectStatus'], status: number): boolean {
  if (typeof expect === 'number') return status === expect;
  if (Array.isArray(expect)) return expect.includes(status);
  const [lo, hi] = expect.split('-').map(Number);
  return status >= lo && status <= hi;
}

function headersFor(check: ResolvedCheckOf<'http'>, env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': 'Lifeline-monitor', ...(check.headers ?? {}) };
  for (const [name, envName] of Object.entries(check.headersEnv ?? {})) {
    const value = env[envName];
    if (value !== undefined) headers[name] = value;
  }
  return headers;
}

/** Reads at most `limit` bytes of the body; the rest is discarded so memory stays bounded. */
async function readCapped(body: AsyncIterable<Buffer>, limit: number): Promise<{ text: string; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    if (size + chunk.length > limit) {
      chunks.push(chunk.subarray(0, limit - size));
      return { text: Buffer.concat(chunks).toString('utf8'), truncated: true };
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  return { text: Buffer.concat(chunks).toString('utf8'), truncated: false };
}

function jsonPathValue(doc: unknown, path: string): unknown {
  return path
    .replace(/^\$\.?/, '')
    .split(/\.|\[(\d+)\]/)
    .filter((p) => p !== undefined && p !== '')
    .reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), doc);
}

function assertBody(check: ResolvedCheckOf<'http'>, text: string): ProbeOutcome | undefined {
  if (check.bodyContains !== undefined && !text.includes(check.bodyContains)) {
    return failed('assert', 'assertion', `body does not contain "${check.bodyContains}"`);
  }
  if (check.jsonPath !== undefined) {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      return failed('assert', 'assertion', 'body is not JSON');
    }
    const value = jsonPathValue(doc, check.jsonPath);
    if (check.equals !== undefined ? value !== check.equals : value === undefined) {
      return failed('assert', 'assertion', `${check.jsonPath} is ${JSON.stringify(value) ?? 'missing'}, expected ${JSON.stringify(check.equals) ?? 'a value'}`);
    }
  }
  return undefined;
}

/** HTTP(S): one request; status, body and JSON assertions; bounded body size. */
export const httpProbe: ProbeKind<'http'> = {
  kind: 'http',
  async run(check, ctx) {
    // A fresh agent per run: no pooled connection hides a partner that stopped accepting new ones.
    const dispatcher = new Agent({ connectTimeout: ctx.timeoutMs, keepAliveTimeout: 1, pipelining: 0 });
    try {
      const res = await request(check.url, {
        method: check.method,
        headers: headersFor(check, ctx.env),
        signal: ctx.signal,
        dispatcher,
        headersTimeout: ctx.timeoutMs,
        bodyTimeout: ctx.timeoutMs,
      });
      const facts = { httpStatus: res.statusCode };
      const needsBody = check.bodyContains !== undefined || check.jsonPath !== undefined;
      const body = needsBody ? await readCapped(res.body, MAX_BODY_BYTES) : (await res.body.dump({ limit: MAX_BODY_BYTES }), undefined);
      if (!statusAccepted(check.expectStatus, res.statusCode)) {
        return failed('response', 'http-status', `HTTP ${res.statusCode}, expected ${check.expectStatus}`, facts);
      }
      if (body) return assertBody(check, body.text) ?? { ok: true, facts: { ...facts, ...(body.truncated ? { truncated: true } : {}) } };
      return { ok: true, facts };
    } catch (err) {
      const c = classifyNetworkError(err, 'response');
      return failed(c.stage, c.errorClass, c.message);
    } finally {
      dispatcher.destroy().catch(() => undefined);
    }
  },
};
