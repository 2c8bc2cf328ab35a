import { z } from 'zod';

/** A planned maintenance window of one integration; times are epoch ms, `start` inclusive, `end` exclusive. */
export interface MaintenanceWindow {
  integrationId: string;
  start: number;
  end: number;
  /** Plain words, e.g. "Synlab server upgrade". */
  reason: string;
}

const isoWithOffset = z.iso.datetime({ offset: true, error: 'expected an ISO 8601 time with offset, e.g. 2025-03-04T14:00:00+01:00' });

/** A maintenance window as it arrives at an edge (HTTP body, file): ISO times, turned into epoch ms. */
export const maintenanceWindowSchema = z
  .strictObject({
    integrationId: z.string().min(1, 'expected an integration id'),
    start: isoWithOffset,
    end: isoWithOffset,
    reason: z.string().trim().min(1, 'expected a reason'),
  })
  .transform((w): MaintenanceWindow => ({ ...w, start: Date.parse(w.start), end: Date.parse(w.end) }))
  .refine((w) => w.end > w.start, { message: 'must be after start', path: ['end'] });
