import { request, type Dispatcher } from 'undici';
import type { ProbeContext, ProbeKind, ProbeOutcome } from '../probe-kind.js';
import { failed } from '../probe-kind.js';
import { withDeadline } from '../deadline.js';
import { loadTlsContext } from '../tls-context.js';
import { readBodyCapped } from './http-body.js';
import { classifyHttpError, probeAgent, type HttpProgress } from './http-connection.js';
import { isJsonContentType, judgeCapability, mediaType, operationOutcomeText, shortText } from './fhir-capability.js';

/**
 * Big servers publish CapabilityStatements of a few MiB (every search parameter of every
 * resource); past this we stop reading and say so rather than hold more.
 */
export const FHIR_MAX_BODY_BYTES = 8 * 1024 * 1024;
const BACKSTOP_MS = 1000;
/** Error bodies are read only for their OperationOutcome text. */
const ERROR_BODY_BYTES = 64 * 1024;

type Facts = Record<string, string | number | boolean>;

interface Got {
  status: number;
  contentType?: string;
  text: string;
  truncated: boolean;
}

async function get(url: string, ctx: ProbeContext, dispatcher: Dispatcher): Promise<Got> {
  const res = await request(url, {
    method: 'GET',
    headers: { accept: 'application/fhir+json, application/json;q=0.9', 'user-agent': 'Lifeline-monitor' },
    signal: ctx.signal,
    dispatcher,
    // undici runs these on its coarse "fast timers", which can fire up to ~0.5 s early; the
    // deadline signal is what ends the run on time, these are only a backstop.
    headersTimeout: ctx.timeoutMs + BACKSTOP_MS,
    bodyTimeout: ctx.timeoutMs + BACKSTOP_MS,
  });
  const ok = res.statusCode >= 200 && res.statusCode < 300;
  const body = await readBodyCapped(res.body, ok ? FHIR_MAX_BODY_BYTES : ERROR_BODY_BYTES, true);
  if (body.truncated) res.body.destroy();
  const ct = res.headers['content-type'];
  return { status: res.statusCode, contentType: Array.isArray(ct) ? ct[0] : ct, text: body.text ?? '', truncated: body.truncated };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A non-2xx answer, with the server's OperationOutcome words when it sent some. */
function httpFailure(got: Got, what: string, facts: Facts): ProbeOutcome {
  const why = isJsonContentType(got.contentType) ? operationOutcomeText(parseJson(got.text)) : undefined;
  return failed('response', 'http-status', `HTTP ${got.status} for ${what}${why ? `: ${why}` : ''}`, facts);
}

/** The body as a JSON document, or why it is not one (`subject` names what was expected). */
function jsonBody(got: Got, subject: string, facts: Facts): { doc: unknown } | ProbeOutcome {
  if (got.truncated) return failed('response', 'too-large', `${subject} larger than ${FHIR_MAX_BODY_BYTES} bytes`, facts);
  if (got.contentType !== undefined && !isJsonContentType(got.contentType)) {
    return failed('assert', 'assertion', `not a FHIR ${subject} (${mediaType(got.contentType)})`, facts);
  }
  const doc = parseJson(got.text);
  if (doc === undefined) return failed('assert', 'assertion', `not a FHIR ${subject} (the body is not JSON)`, facts);
  return { doc };
}

async function exchange(check: Parameters<ProbeKind<'fhir'>['run']>[0], ctx: ProbeContext, dispatcher: Dispatcher, facts: Facts): Promise<ProbeOutcome> {
  const base = check.baseUrl.replace(/\/+$/, '');
  const meta = await get(`${base}/metadata`, ctx, dispatcher);
  facts.httpStatus = meta.status;
  if (meta.status < 200 || meta.status >= 300) return httpFailure(meta, '/metadata', facts);
  const cap = jsonBody(meta, 'CapabilityStatement', facts);
  if (!('doc' in cap)) return cap;
  const judged = judgeCapability(check, cap.doc, facts);
  if (!judged.ok || !check.readResource) return judged;

  const [type] = check.readResource.split('/');
  const read = await get(`${base}/${check.readResource}`, ctx, dispatcher);
  facts.readStatus = read.status;
  if (read.status < 200 || read.status >= 300) return httpFailure(read, check.readResource, facts);
  const res = jsonBody(read, type, facts);
  if (!('doc' in res)) return res;
  const got = (res.doc as { resourceType?: unknown } | null)?.resourceType;
  if (got !== type) {
    return failed('assert', 'assertion', `${check.readResource} came back as ${typeof got === 'string' ? shortText(got, 40) : 'no resourceType'}, expected ${type}`, facts);
  }
  return { ok: true, facts };
}

/**
 * FHIR: reads `[base]/metadata` (a CapabilityStatement of the expected version, listing the
 * required resources), then optionally one resource. Bodies are capped; TLS is verified,
 * with the check's own CA when it names one. Never throws.
 */
export const fhirProbe: ProbeKind<'fhir'> = {
  kind: 'fhir',
  async run(check, outer) {
    const tls = await loadTlsContext({ caFile: check.caFile }, outer.env);
    if (!tls.ok) return tls.outcome;
    const { ctx, dispose } = withDeadline(outer);
    if (ctx.signal.aborted) {
      dispose();
      return failed('connect', 'timeout', `no connection within ${ctx.timeoutMs} ms`);
    }
    const progress: HttpProgress = { connected: false };
    const dispatcher = probeAgent(tls.secureContext, ctx.timeoutMs, progress);
    const facts: Facts = {};
    try {
      return await exchange(check, ctx, dispatcher, facts);
    } catch (err) {
      return classifyHttpError(err, ctx, progress, Object.keys(facts).length ? { ...facts } : undefined);
    } finally {
      dispose();
      dispatcher.destroy().catch(() => undefined);
    }
  },
};
