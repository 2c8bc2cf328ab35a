import { z } from 'zod';
import { commonCheckFields } from './common.js';

const statusCode = z.number().int().min(100).max(599);
const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'expected an environment variable name');
const statusRange = z
  .string()
  .regex(/^\d{3}-\d{3}$/, 'expected a range such as 200-399')
  .refine((r) => {
    const [lo, hi] = r.split('-').map(Number);
    return lo >= 100 && hi <= 599 && lo <= hi;
  }, 'expected a range such as 200-399, low to high, within 100-599');

export const HTTP_DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export const httpCheckSchema = z
  .strictObject({
    kind: z.literal('http'),
    ...commonCheckFields,
    url: z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }),
    method: z.enum(['GET', 'HEAD', 'POST', 'OPTIONS']).default('GET'),
    headers: z.record(z.string(), z.string()).optional(),
    /** Names of env vars holding header values (e.g. `{ Authorization: PARTNER_TOKEN }`): secrets stay out of the catalog. */
    headersEnv: z.record(z.string(), envName).optional(),
    /** One status, a list, or a range `200-399` (the default). */
    expectStatus: z.union([statusCode, z.array(statusCode).min(1), statusRange]).default('200-399'),
    bodyContains: z.string().optional(),
    /** A dotted path into a JSON body: `$.status`, `checks[0].state`. Without `equals`, the value must exist. */
    jsonPath: z.string().min(1).optional(),
    equals: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
    /** At most this many body bytes are read; the rest is cut off and the result says `truncated`. */
    maxBodyBytes: z.number().int().min(1).max(64 * 1024 * 1024).default(HTTP_DEFAULT_MAX_BODY_BYTES),
    /** 0 (the default): a 3xx is the answer, judged by `expectStatus`. N > 0: follow up to N redirects. */
    maxRedirects: z.number().int().min(0).max(20).default(0),
    /** PEM file of the CA(s) to trust for this partner instead of the system's roots. */
    caFile: z.string().min(1).optional(),
    /** Mutual TLS: PEM certificate and key sent to the partner. */
    clientCertFile: z.string().min(1).optional(),
    clientKeyFile: z.string().min(1).optional(),
    /** Name of the env var holding the passphrase of an encrypted `clientKeyFile`. */
    clientKeyPassphraseEnv: envName.optional(),
  })
  .superRefine((check, ctx) => {
    if (check.equals !== undefined && check.jsonPath === undefined) {
      ctx.addIssue({ code: 'custom', path: ['equals'], message: 'equals needs a jsonPath' });
    }
    if ((check.clientCertFile === undefined) !== (check.clientKeyFile === undefined)) {
      const missing = check.clientCertFile === undefined ? 'clientCertFile' : 'clientKeyFile';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'clientCertFile and clientKeyFile go together' });
    }
    if (check.clientKeyPassphraseEnv !== undefined && check.clientKeyFile === undefined) {
      ctx.addIssue({ code: 'custom', path: ['clientKeyPassphraseEnv'], message: 'clientKeyPassphraseEnv needs a clientKeyFile' });
    }
  });
export type HttpCheck = z.output<typeof httpCheckSchema>;
