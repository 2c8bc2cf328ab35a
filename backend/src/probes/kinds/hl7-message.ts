import { randomBytes } from 'node:crypto';

/** MLLP framing: <VT> message <FS><CR>. */
export const VT = 0x0b;
export const FS = 0x1c;
export const CR = 0x0d;

/** A fresh MSH-10: at most 20 characters (the HL7 v2 limit), unique per run. */
export function newControlId(now: number = Date.now()): string {
  return `LL${now.toString(36).toUpperCase()}${randomBytes(4).toString('hex').toUpperCase()}`;
}

/** HL7 DTM in UTC: YYYYMMDDHHMMSS+0000. */
function hl7Time(now: number): string {
  return `${new Date(now).toISOString().replace(/[-:T]/g, '').slice(0, 14)}+0000`;
}

/**
 * The default test message: an application-management message (NMD^N02) carrying only a
 * system-clock segment. Processing id T (test), no patient data, sending application LIFELINE.
 */
export function defaultTestMessage(controlId: string, now: number = Date.now()): string {
  const ts = hl7Time(now);
  return [`MSH|^~\\&|LIFELINE|LIFELINE|||${ts}||NMD^N02^NMD_N02|${controlId}|T|2.5`, `NCK|${ts}`].join('\r') + '\r';
}

/** A configured message with CR segment ends and its MSH-10 replaced by `controlId`. */
export function withControlId(message: string, controlId: string): string {
  const segments = message
    .replace(/^\s+/, '')
    .split(/\r\n|\r|\n/)
    .filter((s) => s.length > 0);
  const msh = segments[0];
  const sep = msh[3];
  const fields = msh.split(sep);
  while (fields.length < 10) fields.push('');
  fields[9] = controlId; // fields[0] is "MSH", fields[1] is MSH-2, so MSH-n is fields[n - 1]
  segments[0] = fields.join(sep);
  return segments.join('\r') + '\r';
}

export function frame(message: string): Buffer {
  return Buffer.concat([Buffer.from([VT]), Buffer.from(message, 'utf8'), Buffer.from([FS, CR])]);
}

/** What the reader found in the bytes received so far. */
export type FrameScan =
  | { state: 'partial' }
  | { state: 'frame'; payload: Buffer }
  | { state: 'bad'; message: string };

/** Shows the first bytes of something unexpected, printable characters only. */
export function preview(bytes: Buffer, max = 40): string {
  const text = bytes.subarray(0, max).toString('latin1').replace(/[^\x20-\x7e]/g, '.');
  return `"${text}${bytes.length > max ? '...' : ''}"`;
}

/**
 * Looks for one complete MLLP frame at the start of `buf`. Line breaks before the start byte
 * are tolerated (some engines send them); anything else there is not MLLP.
 */
export function scanFrame(buf: Buffer): FrameScan {
  let start = 0;
  while (start < buf.length && (buf[start] === CR || buf[start] === 0x0a)) start++;
  if (start === buf.length) return { state: 'partial' };
  if (buf[start] !== VT) return { state: 'bad', message: `reply is not MLLP-framed (starts with ${preview(buf.subarray(start))})` };
  const end = buf.indexOf(FS, start + 1);
  if (end < 0 || end + 1 >= buf.length) return { state: 'partial' };
  if (buf[end + 1] !== CR) return { state: 'bad', message: 'reply frame ends with 0x1C not followed by 0x0D' };
  return { state: 'frame', payload: buf.subarray(start + 1, end) };
}

const ACK_CODES = ['AA', 'AE', 'AR', 'CA', 'CE', 'CR'] as const;
export type AckCode = (typeof ACK_CODES)[number];

export type AckParse =
  | { ok: true; code: AckCode; controlId: string; text?: string }
  | { ok: false; message: string };

/** Plain text from an HL7 field: components and repetitions become spaces, control characters go. */
function plain(field: string | undefined, encoding: string): string | undefined {
  if (!field) return undefined;
  const [comp, rep, esc, sub] = [encoding[0] ?? '^', encoding[1] ?? '~', encoding[2] ?? '\\', encoding[3] ?? '&'];
  let text = field;
  for (const ch of [comp, rep, sub]) text = text.split(ch).join(' ');
  text = text.split(esc).join('').replace(/[^\x20-\x7e\u00a0-\uffff]/g, ' ').replace(/\s+/g, ' ').trim();
  if (!text) return undefined;
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

/**
 * Reads an ACK: MSH first, then MSA with its code (MSA-1), control id (MSA-2) and text
 * (MSA-3, else the ERR segment's user message, error code text or first field).
 */
export function parseAck(payload: Buffer): AckParse {
  const text = payload.toString('utf8');
  const segments = text.split(/\r\n|\r|\n/).filter((s) => s.length > 0);
  const msh = segments[0] ?? '';
  const sep = msh[3];
  if (!msh.startsWith('MSH') || sep === undefined || /[\w\s]/.test(sep)) {
    return { ok: false, message: `reply is not HL7 v2 (starts with ${preview(payload)})` };
  }
  const encoding = msh.split(sep)[1] ?? '^~\\&';
  const msa = segments.find((s) => s.startsWith(`MSA${sep}`));
  if (!msa) return { ok: false, message: 'reply has no MSA segment: not an acknowledgement' };
  const f = msa.split(sep);
  const code = (f[1] ?? '').trim().toUpperCase();
  if (!(ACK_CODES as readonly string[]).includes(code)) {
    return { ok: false, message: `reply has an unknown acknowledgement code ${preview(Buffer.from(code || '(empty)'), 10)}` };
  }
  const err = segments.find((s) => s.startsWith(`ERR${sep}`))?.split(sep);
  const errText = err && (plain(err[8], encoding) ?? plain(err[3]?.split(encoding[0] ?? '^')[1], encoding) ?? plain(err[1], encoding));
  return { ok: true, code: code as AckCode, controlId: (f[2] ?? '').trim(), text: plain(f[3], encoding) ?? errText };
}
