import type { Socket } from 'node:net';
import type Dimse from 'dcmjs-dimse';
import type { ProbeKind, ProbeOutcome } from '../probe-kind.js';
import { failed } from '../probe-kind.js';
import { classifyNetworkError } from '../network-errors.js';

type Library = typeof Dimse;
let library: Promise<Library> | undefined;
/** Loaded on the first DICOM check: the library is megabytes that a site without DICOM partners need not hold. */
function loadLibrary(): Promise<Library> {
  library ??= import('dcmjs-dimse').then(({ default: dimse }) => {
    // The library logs every PDU at trace level by default; the probe's outcome says what matters.
    dimse.log.setLevel('silent');
    return dimse;
  });
  return library;
}

/** PS3.8 table 9-21: the reason codes mean different things per source. */
export function describeRejection(e: { result?: number; source?: number; reason?: number }, { RejectReason, RejectResult, RejectSource }: Library['constants']): string {
  const result = e.result === RejectResult.Transient ? 'transient' : 'permanent';
  let source = 'service user';
  let reason = `reason ${e.reason}`;
  if (e.source === RejectSource.ServiceUser) {
    reason =
      e.reason === RejectReason.CalledAeNotRecognized
        ? 'called AE title not recognized'
        : e.reason === RejectReason.CallingAeNotRecognized
          ? 'calling AE title not recognized'
          : e.reason === RejectReason.ApplicationContextNotSupported
            ? 'application context not supported'
            : 'no reason given';
  } else if (e.source === RejectSource.ServiceProviderAcse) {
    source = 'service provider (ACSE)';
    reason = e.reason === RejectReason.ProtocolVersionNotSupported ? 'protocol version not supported' : 'no reason given';
  } else if (e.source === RejectSource.ServiceProviderPresentation) {
    source = 'service provider (presentation)';
    reason = e.reason === RejectReason.LocalLimitExceeded ? 'local limit exceeded' : 'temporary congestion';
  }
  return `association rejected (${result}, ${source}): ${reason}`;
}

/** A C-ECHO exchange is a few hundred bytes; a peer that sends more is not answering it. */
export const DICOM_MAX_REPLY_BYTES = 1024 * 1024;

/** The library's error text without its log prefix (`<AE> -> Connection error: ...`). */
function libraryWords(err: unknown): string {
  const text = String((err as Error)?.message ?? err).replace(/^.*? -> /, '').replace(/^Connection error: /, '');
  const pdu = /Unknown PDU type: (\d+)/.exec(text);
  if (pdu) return `not a DICOM answer (unknown PDU type 0x${Number(pdu[1]).toString(16).padStart(2, '0').toUpperCase()})`;
  return `DICOM exchange failed: ${text.length > 160 ? `${text.slice(0, 157)}...` : text}`;
}

const hex = (status: number) => `0x${status.toString(16).padStart(4, '0').toUpperCase()}`;

/**
 * DICOM C-ECHO: associate (calling → called AE title), one verification request, release.
 * A rejected association names its reason; a C-ECHO status other than success is an
 * assertion failure. The socket is destroyed on abort or at the deadline.
 */
export const dicomEchoProbe: ProbeKind<'dicom-echo'> = {
  kind: 'dicom-echo',
  async run(check, ctx) {
    const dimse = await loadLibrary();
    const { Client, requests, constants } = dimse;
    const { Status } = constants;
    return new Promise<ProbeOutcome>((resolve) => {
      const client = new Client();
      const echo = new requests.CEchoRequest();
      let socket: Socket | undefined;
      let socketError: unknown;
      let connected = false;
      let associated = false;
      let echoStatus: number | undefined;
      let settled = false;
      let received = 0;

      const finish = (outcome: ProbeOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        ctx.signal.removeEventListener('abort', onDeadline);
        socket?.destroy();
        resolve(outcome);
      };
      const success = (): ProbeOutcome => ({ ok: true, facts: { echoStatus: hex(Status.Success) } });
      const onDeadline = () => {
        if (echoStatus === Status.Success) return finish(success()); // the partner answered; only its release hangs
        if (!connected) return finish(failed('connect', 'timeout', `no connection to ${check.host}:${check.port} within ${ctx.timeoutMs} ms`));
        finish(failed('response', 'timeout', associated ? `no C-ECHO answer within ${ctx.timeoutMs} ms` : `no association answer within ${ctx.timeoutMs} ms`));
      };
      const timer = setTimeout(onDeadline, ctx.timeoutMs);
      if (ctx.signal.aborted) return onDeadline();
      ctx.signal.addEventListener('abort', onDeadline, { once: true });

      echo.on('response', (response: { getStatus(): number }) => {
        echoStatus = response.getStatus();
        if (echoStatus !== Status.Success) {
          finish(failed('assert', 'assertion', `C-ECHO status ${hex(echoStatus)}, expected 0x0000 (success)`, { echoStatus: hex(echoStatus) }));
        }
      });
      client.on('connected', () => (connected = true));
      client.on('associationAccepted', () => (associated = true));
      client.on('associationRejected', (e: { result?: number; source?: number; reason?: number }) =>
        finish(failed('connect', 'protocol', describeRejection(e, constants))),
      );
      client.on('associationReleased', () =>
        finish(echoStatus === Status.Success ? success() : failed('assert', 'assertion', 'the partner accepted the association but not the Verification service (no C-ECHO)')),
      );
      client.on('networkError', (err: Error) => {
        if (echoStatus === Status.Success) return finish(success());
        const c = classifyNetworkError(socketError ?? err, connected ? 'response' : 'connect');
        // The library's own association/PDU/idle timeouts carry no code, only words.
        if (c.errorClass === 'timeout' || /timeout/i.test(String(err?.message))) return onDeadline();
        finish(failed(c.stage, c.errorClass, c.errorClass === 'protocol' ? libraryWords(err) : c.message));
      });
      client.on('closed', () => {
        if (echoStatus === Status.Success) return finish(success());
        if (socketError) {
          const c = classifyNetworkError(socketError, connected ? 'response' : 'connect');
          return finish(failed(c.stage, c.errorClass, c.message));
        }
        finish(failed('response', associated ? 'protocol' : 'reset', associated ? 'association ended without a C-ECHO answer (is the Verification service supported?)' : 'connection closed before the association was answered'));
      });

      try {
        client.addRequest(echo);
        client.send(check.host, check.port, check.callingAe, check.calledAe, {
          connectTimeout: ctx.timeoutMs,
          associationTimeout: ctx.timeoutMs,
          pduTimeout: ctx.timeoutMs,
          associationLingerTimeout: 0,
        });
        // The library keeps its socket on an internal field; we need it to see the real error code and to cut it on abort.
        socket = (client as unknown as { network?: { socket?: Socket } }).network?.socket;
        // Ahead of the library's own listener, which reports the error without its code.
        socket?.prependListener('error', (err) => (socketError ??= err));
        socket?.prependListener('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > DICOM_MAX_REPLY_BYTES) finish(failed('response', 'too-large', `more than ${DICOM_MAX_REPLY_BYTES} bytes for one C-ECHO`));
        });
      } catch (err) {
        finish(failed('send', 'internal', `C-ECHO could not be sent: ${(err as Error)?.message ?? String(err)}`));
      }
    });
  },
};
