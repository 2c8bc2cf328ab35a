import { z } from 'zod';
import { commonCheckFields, hostSchema, portSchema } from './common.js';

/** DICOM AE title: 1-16 characters of the default repertoire, no backslash, not only spaces. */
const aeTitle = z
  .string()
  .regex(/^[\x20-\x5b\x5d-\x7e]{1,16}$/, 'expected an AE title: 1 to 16 printable characters, no backslash')
  .refine((ae) => ae.trim().length > 0, 'expected an AE title that is not only spaces');

export const dicomEchoCheckSchema = z.strictObject({
  kind: z.literal('dicom-echo'),
  ...commonCheckFields,
  host: hostSchema,
  port: portSchema,
  /** Our AE title, as the partner knows us. */
  callingAe: aeTitle.default('LIFELINE'),
  /** The partner's AE title. */
  calledAe: aeTitle,
});
export type DicomEchoCheck = z.output<typeof dicomEchoCheckSchema>;
