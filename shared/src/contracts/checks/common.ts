import { z } from 'zod';
import { durationSchema } from '../duration.js';

export const hostSchema = z.string().min(1, 'expected a host name or address');
export const portSchema = z
  .number({ error: 'expected a number' })
  .int('expected a whole number')
  .min(1, 'expected a port from 1 to 65535')
  .max(65535, 'expected a port from 1 to 65535');

/**
 * Fields every check kind takes. Timing and thresholds may be left out here and come
 * from the catalog's `defaults`; the resolved check always has them.
 */
export const commonCheckFields = {
  name: z.string().min(1).optional(),
  interval: durationSchema.optional(),
  timeout: durationSchema.optional(),
  degradedAboveMs: z.number({ error: 'expected a number' }).positive().optional(),
  /** Degraded also when latency exceeds this many times the integration's own baseline. */
  degradedAboveBaseline: z.number({ error: 'expected a number' }).gt(1).optional(),
  /** Consecutive failures before the check counts as down (hysteresis). */
  failuresToDown: z.number().int().min(1).max(20).optional(),
  /** Consecutive successes before a failed check counts as recovered (hysteresis). */
  successesToRecover: z.number().int().min(1).max(20).optional(),
};
