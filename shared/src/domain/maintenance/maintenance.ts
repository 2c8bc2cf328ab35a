/**
 * Planned maintenance, as pure functions of (windows, now).
 *
 *   inMaintenance(windows, integrationId, now): boolean
 *   activeMaintenance(windows, integrationId, now): MaintenanceWindow | undefined
 *   applyMaintenance(current, windows, now, timeZone = 'UTC'): same shape as `current`
 *
 * A window covers `start <= now < end` (start inclusive, end exclusive); a window whose end is
 * not after its start covers nothing. When several windows of one integration overlap, the one
 * ending last is the one shown. An integration in maintenance shows status `maintenance`, never
 * opens an incident and does not count towards the perimeter rule.
 */
import type { MaintenanceWindow } from '../../contracts/maintenance.js';
import type { Status } from '../../contracts/words.js';
import { formatClockTime } from '../verdict/clock-time.js';

export function activeMaintenance(windows: readonly MaintenanceWindow[], integrationId: string, now: number): MaintenanceWindow | undefined {
  let found: MaintenanceWindow | undefined;
  for (const w of windows) {
    if (w.integrationId !== integrationId || w.end <= w.start) continue;
    if (now < w.start || now >= w.end) continue;
    if (!found || w.end > found.end) found = w;
  }
  return found;
}

export function inMaintenance(windows: readonly MaintenanceWindow[], integrationId: string, now: number): boolean {
  return activeMaintenance(windows, integrationId, now) !== undefined;
}

/** The part of an integration's judged state that maintenance overrides. */
export interface MaintainableStatus {
  integrationId: string;
  status: Status;
  /** Epoch ms of the last status change. */
  since: number;
  reasons: string[];
}

/**
 * Overrides the judged status with `maintenance` while a window is in force: `since` becomes the
 * window's start, the first reason reads "maintenance until 14:00: <reason>", and what the checks
 * say meanwhile is kept as a second reason. Outside any window the input is returned unchanged.
 */
export function applyMaintenance<T extends MaintainableStatus>(current: T, windows: readonly MaintenanceWindow[], now: number, timeZone = 'UTC'): T {
  const window = activeMaintenance(windows, current.integrationId, now);
  if (!window) return current;
  const reasons = [`maintenance until ${formatClockTime(window.end, timeZone, now)}: ${window.reason}`];
  if (current.status !== 'maintenance') {
    const seen = current.status === 'operational' ? 'answering normally' : current.status;
    reasons.push(`checks meanwhile: ${seen}${current.reasons.length ? ` (${current.reasons.join('; ')})` : ''}`);
  }
  return { ...current, status: 'maintenance', since: window.start, reasons };
}
