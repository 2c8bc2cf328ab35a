import { z } from 'zod';

/**
 * The body of `POST /api/heartbeats/:key`, pushed by the other side. Both fields are optional:
 * an empty body says "alive, now". Times are turned into epoch ms.
 */
export const heartbeatPushSchema = z
  .strictObject({
    /** When the partner's last business message was; freshness is measured from it. */
    lastMessageAt: z.iso.datetime({ offset: true, error: 'expected an ISO 8601 time with offset, e.g. 2026-03-02T07:31:00+01:00' }).optional(),
    /** Messages waiting on the partner's side. */
    queueDepth: z.number({ error: 'expected a number' }).int('expected a whole number').min(0, 'expected a number of 0 or more').optional(),
  })
  .transform((body): HeartbeatPush => ({
    ...(body.lastMessageAt !== undefined ? { lastMessageAt: Date.parse(body.lastMessageAt) } : {}),
    ...(body.queueDepth !== undefined ? { queueDepth: body.queueDepth } : {}),
  }));

export interface HeartbeatPush {
  lastMessageAt?: number;
  queueDepth?: number;
}
