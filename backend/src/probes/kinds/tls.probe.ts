import { isIP } from 'node:net';
import { checkServerIdentity, connect, type PeerCertificate, type SecureContext, type TLSSocket } from 'node:tls';
import type { ProbeContext, ProbeKind, ProbeOutcome, ResolvedCheckOf } from '../probe-kind.js';
import { failed } from '../probe-kind.js';
import { classifyNetworkError } from '../network-errors.js';
import { loadTlsContext } from '../tls-context.js';
import { tlsFailureMessage, tlsVerifyReason } from '../tls-errors.js';

type TlsCheck = ResolvedCheckOf<'tls'>;
type Facts = Record<string, string | number | boolean>;

const DAY_MS = 86_400_000;

/** `2024-02-01 00:00 UTC`: unambiguous for the wall and the audit. */
function day(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function distinguishedName(part: PeerCertificate['subject'] | undefined): string {
  const value = part?.CN ?? part?.O ?? '';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/**
 * Judges the certificate the server presented. Expiry and validity come first (the dates are
 * the most useful words on the wall), then trust, then the name; every message says when the
 * certificate expires. A certificate close to its end still works: ok, with a warning.
 */
export function judgeCertificate(socket: TLSSocket, check: TlsCheck, name: string, now: number): ProbeOutcome {
  const cert = socket.getPeerCertificate();
  if (!cert || !cert.valid_to) return failed('tls', 'tls', 'the server presented no certificate');
  const validTo = new Date(cert.valid_to);
  const validFrom = new Date(cert.valid_from);
  const daysLeft = Math.floor((validTo.getTime() - now) / DAY_MS);
  const facts: Facts = {
    daysLeft,
    subject: distinguishedName(cert.subject),
    issuer: distinguishedName(cert.issuer),
    validTo: validTo.toISOString(),
  };
  if (now > validTo.getTime()) {
    const ago = Math.floor((now - validTo.getTime()) / DAY_MS);
    return failed('tls', 'tls', `certificate expired on ${day(validTo)}${ago > 0 ? ` (${ago} day${ago > 1 ? 's' : ''} ago)` : ''}`, facts);
  }
  if (now < validFrom.getTime()) {
    return failed('tls', 'tls', `certificate not valid yet: valid from ${day(validFrom)} (expires ${day(validTo)})`, facts);
  }
  // Node also reports a name mismatch as an authorization error; that one is judged below, by name.
  const code = (socket.authorizationError as unknown as { code?: string } | null)?.code ?? String(socket.authorizationError ?? '');
  if (!socket.authorized && code !== 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const reason = tlsVerifyReason(code) ?? 'certificate not trusted';
    return failed('tls', 'tls', `${reason}, issued by "${facts.issuer}" (${code}; expires ${day(validTo)})`, facts);
  }
  const identity = checkServerIdentity(name, cert);
  if (identity) {
    const names = cert.subjectaltname || `CN=${facts.subject}`;
    return failed('tls', 'tls', `hostname mismatch: the certificate is for ${names}, not ${name} (expires ${day(validTo)})`, facts);
  }
  if (daysLeft < check.warnDays) {
    return { ok: true, facts, warning: `certificate expires in ${daysLeft} day${daysLeft === 1 ? '' : 's'}, on ${day(validTo)} (warning below ${check.warnDays} days)` };
  }
  return { ok: true, facts };
}

function handshake(check: TlsCheck, ctx: ProbeContext, secureContext: SecureContext | undefined): Promise<ProbeOutcome> {
  // The name checked against the certificate; sent as SNI only when it is a name (SNI takes no IPs).
  const name = check.servername ?? check.host;
  const servername = isIP(name) ? undefined : name;
  return new Promise((resolve) => {
    let connected = false;
    let settled = false;
    const socket = connect({
      host: check.host,
      port: check.port,
      ...(servername ? { servername } : {}),
      ...(secureContext ? { secureContext } : {}),
      // Verified below, so an untrusted certificate can still be read and described.
      rejectUnauthorized: false,
    });
    const finish = (outcome: ProbeOutcome) => {
      if (settled) return;
      settled = true;
      ctx.signal.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(outcome);
    };
    const onAbort = () =>
      finish(
        connected
          ? failed('tls', 'timeout', `no TLS handshake with ${check.host}:${check.port} within ${ctx.timeoutMs} ms`)
          : failed('connect', 'timeout', `no connection to ${check.host}:${check.port} within ${ctx.timeoutMs} ms`),
      );
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => (connected = true));
    socket.once('secureConnect', () => finish(judgeCertificate(socket, check, name, Date.now())));
    // Kept for the socket's whole life: a late error after finish must not go unhandled.
    socket.on('error', (err) => {
      const tls = tlsFailureMessage(err);
      if (tls) return finish(failed('tls', 'tls', tls));
      const c = classifyNetworkError(err, connected ? 'tls' : 'connect');
      finish(failed(c.stage, c.errorClass, c.errorClass === 'reset' ? 'connection reset during the TLS handshake' : c.message));
    });
    socket.once('close', () => finish(failed('tls', 'reset', 'connection closed during the TLS handshake')));
  });
}

/** TLS: completes a handshake and reads the certificate: expiry (warning under `warnDays`), trust, name. */
export const tlsProbe: ProbeKind<'tls'> = {
  kind: 'tls',
  async run(check, ctx) {
    const loaded = await loadTlsContext({ caFile: check.caFile }, ctx.env);
    if (!loaded.ok) return loaded.outcome;
    if (ctx.signal.aborted) return failed('connect', 'timeout', `no connection to ${check.host}:${check.port} within ${ctx.timeoutMs} ms`);
    return handshake(check, ctx, loaded.secureContext);
  },
};
