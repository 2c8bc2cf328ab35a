import type { Socket } from 'node:net';

const VT = 0x0b;
const FS = 0x1c;
const CR = 0x0d;
/** A test message is a few hundred bytes; a client sending more than this without a frame end is cut off. */
const MAX_BUFFER = 64 * 1024;

/**
 * Serves HL7 v2 over MLLP on an accepted socket: reads frames (0x0B … 0x1C 0x0D) and
 * answers each with an ACK (MSA|AA|<MSH-10>). A simulator, not an HL7 engine.
 */
export function serveMllp(socket: Socket, system: string): void {
  let buffer = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const start = buffer.indexOf(VT);
      if (start < 0) {
        buffer = Buffer.alloc(0);
        return;
      }
      const end = buffer.indexOf(FS, start + 1);
      if (end < 0 || end + 1 >= buffer.length) break;
      const message = buffer.subarray(start + 1, end).toString('latin1');
      buffer = buffer.subarray(end + (buffer[end + 1] === CR ? 2 : 1));
      socket.write(Buffer.concat([Buffer.from([VT]), Buffer.from(hl7Ack(message, system), 'latin1'), Buffer.from([FS, CR])]));
    }
    if (buffer.length > MAX_BUFFER) socket.destroy();
  });
}

/** An ACK for `message`: AA with MSH-10 echoed in MSA-2, or AR if the message has no MSH. */
export function hl7Ack(message: string, system: string): string {
  const msh = message.replace(/^\s+/, '').split(/\r\n|\r|\n/)[0] ?? '';
  const sep = msh.startsWith('MSH') && msh.length > 3 ? msh[3] : '|';
  const fields = msh.split(sep);
  const controlId = msh.startsWith('MSH') ? (fields[9] ?? '') : '';
  const version = fields[11] || '2.5';
  const ts = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const code = msh.startsWith('MSH') ? 'AA' : 'AR';
  const sim = system.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 20);
  return [
    `MSH${sep}^~\\&${sep}${sim}-SIM${sep}${sim}${sep}${fields[2] ?? ''}${sep}${fields[3] ?? ''}${sep}${ts}${sep}${sep}ACK${sep}ACK${controlId}${sep}T${sep}${version}`,
    `MSA${sep}${code}${sep}${controlId}${sep}simulated by the Lifeline demo`,
  ].join('\r') + '\r';
}
