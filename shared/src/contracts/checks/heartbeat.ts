import { z } from 'zod';
import { durationSchema } from '../duration.js';
import { commonCheckFields } from './common.js';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** How many times `expectEvery` a silence may last before the link counts as down, when `downAfter` is left out. */
export const HEARTBEAT_DEFAULT_DOWN_FACTOR = 3;

const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'expected an environment variable name');
/** `08:00`; `24:00` is the end of the day (for `to`). */
const clockTime = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected a time HH:MM, e.g. 08:00');

/** When the feed is busy, in the site's time zone (`site.timezone`): `from` inclusive, `to` exclusive. */
const businessHoursSchema = z
  .strictObject({
    days: z.array(z.enum(WEEKDAYS, { error: `expected one of: ${WEEKDAYS.join(', ')}` })).min(1, 'expected at least one day'),
    from: clockTime,
    to: clockTime,
  })
  .refine((h) => h.from < h.to, { message: 'must be after from', path: ['to'] });

const scheduleSchema = z.strictObject({
  businessHours: businessHoursSchema,
  /** The cadence expected outside business hours (nights, weekends), instead of `expectEvery`. */
  expectEveryOutside: durationSchema,
});
export type HeartbeatSchedule = z.output<typeof scheduleSchema>;

/**
 * A heartbeat is pushed by the other side (`POST /api/heartbeats/:key`); the check judges how
 * fresh the last one is. The push key itself lives in the environment variable `keyEnv` names.
 */
export const heartbeatCheckSchema = z
  .strictObject({
    kind: z.literal('heartbeat'),
    ...commonCheckFields,
    /** Name of the environment variable holding this integration's push key. */
    keyEnv: envName,
    /** Older than this, the data is late: degraded. */
    expectEvery: durationSchema,
    /** Older than this, the link counts as down; default 3 × expectEvery (outside business hours, the same multiple of expectEveryOutside). */
    downAfter: durationSchema.optional(),
    /** Feeds are quiet at night: another cadence outside business hours. */
    schedule: scheduleSchema.optional(),
    /** A reported queue deeper than this is degraded. */
    maxQueueDepth: z.number({ error: 'expected a number' }).int('expected a whole number').min(0).optional(),
  })
  .superRefine((check, ctx) => {
    if (check.downAfter !== undefined && check.downAfter <= check.expectEvery) {
      ctx.addIssue({ code: 'custom', path: ['downAfter'], message: 'must be longer than expectEvery' });
    }
  });
export type HeartbeatCheck = z.output<typeof heartbeatCheckSchema>;
