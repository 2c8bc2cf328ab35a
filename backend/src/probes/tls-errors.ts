/** Plain words for the certificate verification codes OpenSSL and Node report. */
const VERIFY_REASONS: Record<string, string> = {
  CERT_HAS_EXPIRED: 'certificate expired',
  CERT_NOT_YET_VALID: 'certificate not yet valid',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate, not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'certificate chain ends in an untrusted (self-signed) CA',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate signed by an unknown CA',
  UNABLE_TO_GET_ISSUER_CERT: 'certificate signed by an unknown CA',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificate signed by an unknown CA',
  CERT_UNTRUSTED: 'certificate not trusted',
  CERT_REJECTED: 'certificate rejected',
  CERT_REVOKED: 'certificate revoked',
  CERT_SIGNATURE_FAILURE: 'certificate signature invalid',
  INVALID_CA: 'invalid CA certificate in the chain',
  INVALID_PURPOSE: 'certificate not meant for a TLS server',
  HOSTNAME_MISMATCH: 'hostname mismatch',
  ERR_TLS_CERT_ALTNAME_INVALID: 'hostname mismatch',
};

/** Handshake alerts and protocol errors, matched on Node's `ERR_SSL_*` codes. */
const ALERT_REASONS: [RegExp, string][] = [
  [/CERTIFICATE_REQUIRED/, 'the server requires a client certificate'],
  [/ALERT_(BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_UNKNOWN|ACCESS_DENIED|UNSUPPORTED_CERTIFICATE)/, 'the server rejected our client certificate'],
  [/ALERT_HANDSHAKE_FAILURE|NO_SHARED_CIPHER|NO_PROTOCOLS_AVAILABLE|UNSUPPORTED_PROTOCOL|ALERT_PROTOCOL_VERSION/, 'no TLS version or cipher in common with the server'],
  [/WRONG_VERSION_NUMBER|PACKET_LENGTH_TOO_LONG|RECORD_LAYER_FAILURE|UNEXPECTED_MESSAGE/, 'the other side does not speak TLS'],
  [/ERR_SSL_|ERR_TLS_/, 'TLS handshake failed'],
];

/** The plain reason for a TLS verification code (`socket.authorizationError.code` or an error's code). */
export function tlsVerifyReason(code: string | undefined): string | undefined {
  return code ? VERIFY_REASONS[code] : undefined;
}

/** Node's hostname-mismatch error carries the host asked for and the peer certificate. */
interface AltnameError {
  host?: string;
  reason?: string;
  cert?: { subjectaltname?: string; subject?: { CN?: string | string[] }; valid_to?: string };
}

function altnameMessage(e: AltnameError): string {
  const names = e.cert?.subjectaltname || (e.cert?.subject?.CN ? `CN=${e.cert.subject.CN}` : undefined);
  const expires = e.cert?.valid_to ? new Date(e.cert.valid_to) : undefined;
  const when = expires && !Number.isNaN(expires.getTime()) ? `; expires ${expires.toISOString().slice(0, 10)}` : '';
  if (!names || !e.host) return `hostname mismatch: ${e.reason ?? 'the certificate is for another name'} (ERR_TLS_CERT_ALTNAME_INVALID)`;
  return `hostname mismatch: the certificate is for ${names}, not ${e.host} (ERR_TLS_CERT_ALTNAME_INVALID${when})`;
}

/**
 * If `err` is a TLS failure, its reason in plain words (with the code, for the curious);
 * otherwise undefined so the caller can classify it as a network error.
 */
export function tlsFailureMessage(err: unknown): string | undefined {
  const e = err as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException; reason?: string };
  for (const x of [e, e?.cause]) {
    const code = x?.code;
    if (!code) continue;
    const verify = VERIFY_REASONS[code];
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return altnameMessage(x as AltnameError);
    if (verify) return `${verify} (${code})`;
    const alert = ALERT_REASONS.find(([re]) => re.test(code));
    if (alert) return `${alert[1]} (${code})`;
  }
  return undefined;
}
