import { z } from 'zod';
import { commonCheckFields, hostSchema, portSchema } from './common.js';

/**
 * A configured HL7 v2 message: an MSH segment with its fields up to MSH-12 (version), then any
 * segments, separated by CR or newlines. MSH-10 (control id) is replaced on every run.
 */
const hl7Message = z
  .string()
  .refine((text) => {
    const msh = text.replace(/^\s+/, '').split(/\r\n|\r|\n/)[0] ?? '';
    const sep = msh[3];
    return msh.startsWith('MSH') && sep !== undefined && msh.split(sep).length >= 12;
  }, 'expected an HL7 v2 message starting with an MSH segment that has fields up to MSH-12 (version)');

export const hl7MllpCheckSchema = z.strictObject({
  kind: z.literal('hl7-mllp'),
  ...commonCheckFields,
  host: hostSchema,
  port: portSchema,
  /** Left out: a non-clinical test message (NMD^N02 with a clock segment, processing id T, no patient data). */
  message: hl7Message.optional(),
  /** `any`: any well-formed ACK for our message is ok; `AA`: only AA/CA is, AE/AR/CE/CR is a NAK. */
  expectAck: z.enum(['any', 'AA']).default('any'),
});
export type Hl7MllpCheck = z.output<typeof hl7MllpCheckSchema>;
