import { request, type Dispatcher } from 'undici';
import type { ProbeContext, ProbeKind, ProbeOutcome, ResolvedCheckOf } from '../probe-kind.js';
import { failed } from '../probe-kind.js';
import { loadTlsContext } from '../tls-context.js';
import { assertBody, describeExpectedStatus, readBodyCapped, statusAccepted } from './http-body.js';
import { classifyHttpError, headersFor, probeAgent, redact, type HttpProgress } from './http-connection.js';

type HttpCheck = ResolvedCheckOf<'http'>;
type Facts = Record<string, string | number | boolean>;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Stops reading a body we do not want; its connection goes with it. */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}

interface Exchange {
  check: HttpCheck;
  ctx: ProbeContext;
  dispatcher: Dispatcher;
  headers: Record<string, string>;
  /** Header names whose values are secrets: not sent on to another origin. */
  secretNames: Set<string>;
  facts: Facts;
}

/** Where a redirect leads, and how: 303 (and 301/302 after a POST) become GET, as browsers do. */
function nextHop(url: URL, method: string, status: number, location: string): { url: URL; method: string } | undefined {
  let next: URL;
  try {
    next = new URL(location, url);
  } catch {
    return undefined;
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') return undefined;
  const toGet = status === 303 ? method !== 'HEAD' : (status === 301 || status === 302) && method === 'POST';
  return { url: next, method: toGet ? 'GET' : method };
}

async function exchange(x: Exchange): Promise<ProbeOutcome> {
  const { check, ctx, facts } = x;
  let url = new URL(check.url);
  let method: string = check.method;
  let headers = x.headers;
  let redirects = 0;
  for (;;) {
    const res = await request(url, {
      method: method as Dispatcher.HttpMethod,
      headers,
      signal: ctx.signal,
      dispatcher: x.dispatcher,
      headersTimeout: ctx.timeoutMs,
      bodyTimeout: ctx.timeoutMs,
    });
    facts.httpStatus = res.statusCode;
    const location = res.headers.location;
    if (check.maxRedirects > 0 && REDIRECT_STATUSES.has(res.statusCode) && typeof location === 'string') {
      discard(res.body);
      if (redirects >= check.maxRedirects) {
        return failed('response', 'http-status', `too many redirects (more than ${check.maxRedirects})`, facts);
      }
      const hop = nextHop(url, method, res.statusCode, location);
      if (!hop) return failed('response', 'protocol', `HTTP ${res.statusCode} redirects to an unusable location`, facts);
      if (hop.url.origin !== url.origin) {
        // Secret headers go only to the origin the catalog names.
        headers = Object.fromEntries(Object.entries(headers).filter(([name]) => !x.secretNames.has(name.toLowerCase())));
      }
      redirects += 1;
      facts.redirects = redirects;
      url = hop.url;
      method = hop.method;
      continue;
    }
    if (!statusAccepted(check.expectStatus, res.statusCode)) {
      discard(res.body);
      return failed('response', 'http-status', `HTTP ${res.statusCode}, expected ${describeExpectedStatus(check.expectStatus)}`, facts);
    }
    const keep = check.bodyContains !== undefined || check.jsonPath !== undefined;
    const body = await readBodyCapped(res.body, check.maxBodyBytes, keep);
    facts.bodyBytes = body.bytes;
    if (body.truncated) facts.truncated = true;
    if (keep) {
      const wrong = assertBody(check, body);
      if (wrong) return { ...wrong, facts };
    }
    return { ok: true, facts };
  }
}

/**
 * HTTP(S): one request (following up to `maxRedirects` redirects); status, body and JSON
 * assertions on at most `maxBodyBytes` of body; TLS verified, with the check's own CA and
 * client certificate when it names them. Never throws; secrets never leave in words or facts.
 */
export const httpProbe: ProbeKind<'http'> = {
  kind: 'http',
  async run(check, ctx) {
    const headers = headersFor(check, ctx.env);
    if (!headers.ok) return headers.outcome;
    const secrets = [...headers.secrets];
    if (check.clientKeyPassphraseEnv) secrets.push(ctx.env[check.clientKeyPassphraseEnv] ?? '');
    const tls = await loadTlsContext(check, ctx.env);
    if (!tls.ok) return redact(tls.outcome, secrets);
    if (ctx.signal.aborted) return failed('connect', 'timeout', `no connection within ${ctx.timeoutMs} ms`);

    const progress: HttpProgress = { connected: false };
    const dispatcher = probeAgent(tls.secureContext, ctx.timeoutMs, progress);
    const facts: Facts = {};
    let answered = false;
    try {
      const outcome = await exchange({ check, ctx, dispatcher, headers: headers.headers, secretNames: headers.secretNames, facts });
      answered = true;
      return redact(outcome, secrets);
    } catch (err) {
      const seen = Object.keys(facts).length > 0 ? { ...facts } : undefined;
      return redact(classifyHttpError(err, ctx, progress, seen), secrets);
    } finally {
      // After a whole answer a plain close will do; destroying builds an error (and its stack) on every run.
      (answered ? dispatcher.close() : dispatcher.destroy()).catch(() => undefined);
    }
  },
};
