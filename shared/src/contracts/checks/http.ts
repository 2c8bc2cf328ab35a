import { z } from 'zod';
import { commonCheckFields } from './common.js';

const statusCode = z.number().int().min(100).max(599);

export const httpCheckSchema = z.strictObject({
  kind: z.literal('http'),
  ...commonCheckFields,
  url: z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }),
  method: z.enum(['GET', 'HEAD', 'POST', 'OPTIONS']).default('GET'),
  headers: z.record(z.string(), z.string()).optional(),
  /** Names of env vars holding header values (e.g. `{ Authorization: PARTNER_TOKEN }`): secrets stay out of the catalog. */
  headersEnv: z.record(z.string(), z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'expected an environment variable name')).optional(),
  /** One status, a list, or a range `200-399` (the default). */
  expectStatus: z.union([statusCode, z.array(statusCode).min(1), z.string().regex(/^\d{3}-\d{3}$/, 'expected a range such as 200-399')]).default('200-399'),
  bodyContains: z.string().optional(),
  jsonPath: z.string().optional(),
  equals: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
  caFile: z.string().optional(),
  clientCertFile: z.string().optional(),
  clientKeyFile: z.string().optional(),
});
export type HttpCheck = z.output<typeof httpCheckSchema>;
