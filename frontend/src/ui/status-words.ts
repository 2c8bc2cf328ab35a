import type { Status } from '@lifeline/shared';

/** The words the wall prints for each status: a status is never shown by colour alone. */
export const STATUS_WORDS: Record<Status, string> = {
  operational: 'Operational',
  degraded: 'Degraded',
  down: 'Down',
  unknown: 'Unknown',
  maintenance: 'Maintenance',
};
