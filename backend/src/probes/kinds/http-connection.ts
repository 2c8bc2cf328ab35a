import type { SecureContext } from 'node:tls';
import { Agent, buildConnector } from 'undici';
import type { ProbeContext, ProbeOutcome, ResolvedCheckOf } from '../probe-kind.js';
import { failed } from '../probe-kind.js';
import { classifyNetworkError } from '../network-errors.js';
import { tlsFailureMessage } from '../tls-errors.js';

/** Where the exchange got to, so a failure can name its stage. */
export interface HttpProgress {
  connected: boolean;
  /** The first error the socket itself saw: undici may report only "other side closed". */
  socketError?: unknown;
}

/**
 * A fresh agent per run (no pooled connection hides a partner that stopped accepting new
 * ones), verifying TLS with the check's own context when it has one, and noting when the
 * connection (and handshake) is up.
 */
export function probeAgent(secureContext: SecureContext | undefined, timeoutMs: number, progress: HttpProgress): Agent {
  const connect = buildConnector({
    timeout: timeoutMs,
    maxCachedSessions: 0,
    rejectUnauthorized: true,
    ...(secureContext ? { secureContext } : {}),
  });
  const tracked: buildConnector.connector = (options, callback) =>
    connect(options, (...args: Parameters<buildConnector.Callback>) => {
      const socket = args[1];
      if (socket) {
        progress.connected = true;
        socket.on('error', (err) => (progress.socketError ??= err));
      }
      callback(...args);
    });
  return new Agent({ connect: tracked, keepAliveTimeout: 1, pipelining: 0, connections: 1 });
}

export type HeadersResult = { ok: true; headers: Record<string, string>; secretNames: Set<string>; secrets: string[] } | { ok: false; outcome: ProbeOutcome };

/** Catalog headers plus `headersEnv` values read from the environment; those values are secrets. */
export function headersFor(check: ResolvedCheckOf<'http'>, env: ProbeContext['env']): HeadersResult {
  const headers: Record<string, string> = { 'user-agent': 'Lifeline-monitor', ...(check.headers ?? {}) };
  const secretNames = new Set<string>();
  const secrets: string[] = [];
  for (const [name, envName] of Object.entries(check.headersEnv ?? {})) {
    const value = env[envName];
    if (value === undefined || value === '') {
      return { ok: false, outcome: failed('send', 'internal', `environment variable ${envName} (header ${name}) is not set`) };
    }
    headers[name] = value;
    secretNames.add(name.toLowerCase());
    secrets.push(value);
  }
  return { ok: true, headers, secretNames, secrets };
}

/** Replaces every secret value that might have slipped into a message or fact. */
export function redact(outcome: ProbeOutcome, secrets: readonly string[]): ProbeOutcome {
  const live = secrets.filter((s) => s.length > 0);
  if (live.length === 0) return outcome;
  const clean = (text: string) => live.reduce((t, s) => t.split(s).join('[redacted]'), text);
  const facts = outcome.facts && Object.fromEntries(Object.entries(outcome.facts).map(([k, v]) => [k, typeof v === 'string' ? clean(v) : v]));
  return outcome.ok ? { ...outcome, facts, ...(outcome.warning ? { warning: clean(outcome.warning) } : {}) } : { ...outcome, message: clean(outcome.message), facts };
}

/** An error from undici, a socket or TLS, in the domain's words. */
export function classifyHttpError(err: unknown, ctx: ProbeContext, progress: HttpProgress, facts?: ProbeOutcome['facts']): ProbeOutcome {
  if (ctx.signal.aborted) {
    return progress.connected
      ? failed('response', 'timeout', `no complete answer within ${ctx.timeoutMs} ms`, facts)
      : failed('connect', 'timeout', `no connection within ${ctx.timeoutMs} ms`, facts);
  }
  // A TLS alert after the handshake (the server wants a client certificate) beats undici's "closed".
  const tls = tlsFailureMessage(err) ?? tlsFailureMessage(progress.socketError);
  if (tls) return failed('tls', 'tls', tls, facts);
  const e = err as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  const code = e?.code ?? '';
  if (code.startsWith('HPE_')) return failed('response', 'protocol', `not a valid HTTP answer (${code})`, facts);
  if (code === 'UND_ERR_SOCKET') return failed('response', 'reset', 'the other side closed the connection before a complete answer', facts);
  if (code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') return failed('response', 'protocol', 'the body is shorter than its Content-Length', facts);
  if (code === 'UND_ERR_INFO') return failed('response', 'protocol', 'unexpected informational answer', facts);
  const c = classifyNetworkError(err, progress.connected ? 'response' : 'connect');
  return failed(c.stage, c.errorClass, c.errorClass === 'timeout' ? `no answer within ${ctx.timeoutMs} ms` : c.message, facts);
}
