import { X509Certificate } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createSecureContext, type SecureContext } from 'node:tls';
import type { ProbeOutcome } from './probe-kind.js';
import { failed } from './probe-kind.js';

/** The TLS settings a check may carry; all file paths, secrets only by env var name. */
export interface TlsFileSettings {
  caFile?: string;
  clientCertFile?: string;
  clientKeyFile?: string;
  clientKeyPassphraseEnv?: string;
}

/** PEM files are small; anything bigger is a wrong path, not a certificate. */
const MAX_PEM_BYTES = 1024 * 1024;

type Loaded = { ok: true; secureContext?: SecureContext } | { ok: false; outcome: ProbeOutcome };

async function readPem(field: string, path: string): Promise<string | ProbeOutcome> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return failed('tls', 'internal', `${field} ${path} is not a file`);
    if (info.size > MAX_PEM_BYTES) return failed('tls', 'internal', `${field} ${path} is too large for a PEM file`);
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException)?.code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'is not readable' : `cannot be read (${code ?? 'error'})`;
    return failed('tls', 'internal', `${field} ${path} ${why}`);
  }
}

/**
 * Reads the CA and client certificate files of a check and builds one TLS context from
 * them. A missing or unusable file is a clear failure of the run (class `internal`: our
 * configuration, not the partner), never a throw. No secret appears in any message.
 */
export async function loadTlsContext(settings: TlsFileSettings, env: Readonly<Record<string, string | undefined>>): Promise<Loaded> {
  if (!settings.caFile && !settings.clientCertFile && !settings.clientKeyFile) return { ok: true };
  const options: { ca?: string; cert?: string; key?: string; passphrase?: string } = {};
  if (settings.caFile) {
    const ca = await readPem('caFile', settings.caFile);
    if (typeof ca !== 'string') return { ok: false, outcome: ca };
    try {
      new X509Certificate(ca);
    } catch {
      return { ok: false, outcome: failed('tls', 'internal', `caFile ${settings.caFile} holds no PEM certificate`) };
    }
    options.ca = ca;
  }
  if (settings.clientCertFile && settings.clientKeyFile) {
    const cert = await readPem('clientCertFile', settings.clientCertFile);
    if (typeof cert !== 'string') return { ok: false, outcome: cert };
    const key = await readPem('clientKeyFile', settings.clientKeyFile);
    if (typeof key !== 'string') return { ok: false, outcome: key };
    options.cert = cert;
    options.key = key;
    if (settings.clientKeyPassphraseEnv) {
      const passphrase = env[settings.clientKeyPassphraseEnv];
      if (passphrase === undefined) {
        return { ok: false, outcome: failed('tls', 'internal', `environment variable ${settings.clientKeyPassphraseEnv} (clientKeyPassphraseEnv) is not set`) };
      }
      options.passphrase = passphrase;
    }
  }
  try {
    return { ok: true, secureContext: createSecureContext(options) };
  } catch (err) {
    // OpenSSL's words ("bad decrypt", "no start line") name the problem, never the passphrase.
    const detail = String((err as Error)?.message ?? err).replace(/^error:[0-9A-F]+:/, '');
    const what = options.cert ? `client certificate ${settings.clientCertFile} / key ${settings.clientKeyFile}` : `caFile ${settings.caFile}`;
    return { ok: false, outcome: failed('tls', 'internal', `${what} cannot be used: ${detail}`) };
  }
}
