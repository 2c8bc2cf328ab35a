import { z } from 'zod';
import { commonCheckFields, hostSchema, portSchema } from './common.js';

export const tcpCheckSchema = z.strictObject({
  kind: z.literal('tcp'),
  ...commonCheckFields,
  host: hostSchema,
  port: portSchema,
});
export type TcpCheck = z.output<typeof tcpCheckSchema>;
