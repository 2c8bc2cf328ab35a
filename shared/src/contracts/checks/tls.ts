import { z } from 'zod';
import { commonCheckFields, hostSchema, portSchema } from './common.js';

export const tlsCheckSchema = z.strictObject({
  kind: z.literal('tls'),
  ...commonCheckFields,
  host: hostSchema,
  port: portSchema.default(443),
  /** The name sent (SNI) and checked against the certificate; default `host` when it is a name. */
  servername: z.string().min(1).optional(),
  /** A certificate that expires within this many days is reported as a warning (degraded). */
  warnDays: z.number({ error: 'expected a number' }).int().min(0).max(365).default(14),
  /** PEM file of the CA(s) to trust for this partner instead of the system's roots. */
  caFile: z.string().min(1).optional(),
});
export type TlsCheck = z.output<typeof tlsCheckSchema>;
