import { Socket } from 'node:net';
import type { ProbeKind, ProbeOutcome } from '../probe-kind.js';
import { failed } from '../probe-kind.js';
import { classifyNetworkError } from '../network-errors.js';
import { defaultTestMessage, frame, newControlId, parseAck, scanFrame, withControlId } from './hl7-message.js';

/** An ACK is a few hundred bytes; anything past this is not an answer we want to hold. */
export const MLLP_MAX_REPLY_BYTES = 1024 * 1024;

const ACCEPTED = new Set(['AA', 'CA']);

/**
 * HL7 v2 over MLLP: one connection, one test message (fresh MSH-10 every run), one ACK that
 * must echo our control id. With `expectAck: AA` only AA/CA is ok; AE/AR/CE/CR is a NAK.
 */
export const hl7MllpProbe: ProbeKind<'hl7-mllp'> = {
  kind: 'hl7-mllp',
  run(check, ctx) {
    return new Promise<ProbeOutcome>((resolve) => {
      const controlId = newControlId();
      const message = check.message ? withControlId(check.message, controlId) : defaultTestMessage(controlId);
      const socket = new Socket();
      const chunks: Buffer[] = [];
      let received = 0;
      let connected = false;
      let settled = false;

      const finish = (outcome: ProbeOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        ctx.signal.removeEventListener('abort', onDeadline);
        socket.destroy();
        resolve(outcome);
      };
      const onDeadline = () =>
        finish(
          connected
            ? failed('response', 'timeout', `no ACK within ${ctx.timeoutMs} ms`, received ? { bytesReceived: received } : undefined)
            : failed('connect', 'timeout', `no connection to ${check.host}:${check.port} within ${ctx.timeoutMs} ms`),
        );
      // Our own deadline too, so the probe ends on time even when run without the runner.
      const timer = setTimeout(onDeadline, ctx.timeoutMs);
      if (ctx.signal.aborted) return onDeadline();
      ctx.signal.addEventListener('abort', onDeadline, { once: true });

      const judge = (payload: Buffer): ProbeOutcome => {
        const ack = parseAck(payload);
        if (!ack.ok) return failed('response', 'protocol', ack.message);
        const facts = { ackCode: ack.code };
        if (ack.controlId !== controlId) {
          return failed('response', 'protocol', `ACK for another message (control id ${ack.controlId || '(empty)'}, sent ${controlId})`, facts);
        }
        if (check.expectAck === 'AA' && !ACCEPTED.has(ack.code)) {
          return failed('assert', 'nak', `NAK ${ack.code}${ack.text ? `: ${ack.text}` : ''}`, facts);
        }
        return { ok: true, facts };
      };

      socket.on('connect', () => {
        connected = true;
        socket.write(frame(message));
      });
      socket.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > MLLP_MAX_REPLY_BYTES) {
          return finish(failed('response', 'too-large', `reply larger than ${MLLP_MAX_REPLY_BYTES} bytes without a complete frame`));
        }
        chunks.push(chunk);
        const buf = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
        chunks.length = 0;
        chunks.push(buf);
        const scan = scanFrame(buf);
        if (scan.state === 'bad') finish(failed('response', 'protocol', scan.message));
        else if (scan.state === 'frame') finish(judge(scan.payload));
      });
      socket.on('end', () =>
        finish(
          received === 0
            ? failed('response', 'reset', 'connection closed without a reply')
            : failed('response', 'protocol', `connection closed in the middle of a reply (${received} bytes, no complete MLLP frame)`),
        ),
      );
      socket.on('close', () => finish(failed('response', 'reset', 'connection closed without a reply')));
      socket.on('error', (err) => {
        const c = classifyNetworkError(err, connected ? 'response' : 'connect');
        finish(failed(c.stage, c.errorClass, c.errorClass === 'reset' && received === 0 ? 'connection reset without a reply' : c.message));
      });
      socket.connect({ host: check.host, port: check.port });
    });
  },
};
