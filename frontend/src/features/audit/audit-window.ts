import { formatZonedIso, isKnownTimeZone, zoneOffsetMinutes } from '@lifeline/shared';
import type { AuditExportFormat, IncidentSnapshot } from '@lifeline/shared';

/**
 * The export's formats and the header with its SHA-256: shared's AUDIT_EXPORT_FORMATS and
 * EXPORT_DIGEST_HEADER (audit-window.spec.ts checks they agree). Not imported from there: that
 * module builds zod schemas on load, which would put all of zod in this page.
 */
export const EXPORT_FORMATS = ['csv', 'json', 'pdf'] as const satisfies readonly AuditExportFormat[];
export const DIGEST_HEADER = 'x-content-sha256';

/** Which window to export: the last incident, today (site time), or one chosen by hand. */
export const WINDOW_CHOICES = ['incident', 'today', 'custom'] as const;
export type WindowChoice = (typeof WINDOW_CHOICES)[number];

/** ISO 8601 with the site's offset; no `to`: up to now (the server's clock). */
export interface ExportWindow {
  from: string;
  to?: string;
}

export type WindowProblem = 'noIncident' | 'missing' | 'order' | 'tooLong';

/** The backend refuses windows longer than this (backend/src/export/export.controller.ts). */
export const MAX_WINDOW_DAYS = 366;
const DAY_MS = 86_400_000;

const zoneOf = (timeZone: string) => (isKnownTimeZone(timeZone) ? timeZone : 'UTC');

/** `2025-11-26T07:20` as wall-clock time in `timeZone` → epoch ms; null when it is not a time. */
export function zonedLocalToEpoch(local: string, timeZone: string): number | null {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d))?$/.exec(local);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, Number.isNaN(s) ? 0 : s);
  if (new Date(asUtc).getUTCDate() !== d) return null; // 31 February
  const zone = zoneOf(timeZone);
  // The offset at the first guess, then at the answer: right on either side of a clock change.
  const guess = asUtc - zoneOffsetMinutes(asUtc, zone) * 60_000;
  return asUtc - zoneOffsetMinutes(guess, zone) * 60_000;
}

/** Epoch ms → `2025-11-26T07:20`, the wall-clock time in `timeZone` (what a datetime-local input holds). */
export function epochToZonedLocal(ms: number, timeZone: string): string {
  return formatZonedIso(ms, zoneOf(timeZone), { millis: false }).slice(0, 16);
}

/** Midnight of `now`'s day in `timeZone`. */
export function startOfDay(now: number, timeZone: string): number {
  return zonedLocalToEpoch(`${epochToZonedLocal(now, timeZone).slice(0, 10)}T00:00`, timeZone) ?? now - (now % DAY_MS);
}

/** The incident opened most recently. */
export function lastIncident(incidents: readonly IncidentSnapshot[] | undefined): IncidentSnapshot | undefined {
  return incidents?.reduce<IncidentSnapshot | undefined>((last, i) => (!last || i.openedAt > last.openedAt ? i : last), undefined);
}

export interface WindowInputs {
  incident: IncidentSnapshot | undefined;
  now: number;
  timeZone: string;
  /** The datetime-local values of the custom window. */
  from: string;
  to: string;
}

/** The window a choice stands for, or why there is none. */
export function windowFor(choice: WindowChoice, x: WindowInputs): { window: ExportWindow } | { problem: WindowProblem } {
  const iso = (ms: number) => formatZonedIso(ms, zoneOf(x.timeZone), { millis: false });
  switch (choice) {
    case 'incident':
      if (!x.incident) return { problem: 'noIncident' };
      // Whole seconds, rounded outwards, so the opening and resolving transitions stay inside.
      return {
        window: {
          from: iso(Math.floor(Date.parse(x.incident.openedAt) / 1000) * 1000),
          ...(x.incident.resolvedAt ? { to: iso(Math.ceil(Date.parse(x.incident.resolvedAt) / 1000) * 1000) } : {}),
        },
      };
    case 'today':
      return { window: { from: iso(startOfDay(x.now, x.timeZone)) } };
    case 'custom': {
      const from = zonedLocalToEpoch(x.from, x.timeZone);
      const to = zonedLocalToEpoch(x.to, x.timeZone);
      if (from === null || to === null) return { problem: 'missing' };
      if (from >= to) return { problem: 'order' };
      if (to - from > MAX_WINDOW_DAYS * DAY_MS) return { problem: 'tooLong' };
      return { window: { from: iso(from), to: iso(to) } };
    }
  }
}

/** `/api/audit/export?from=…&to=…&format=csv[&integration=…]`, offsets encoded (`+` would read as a space). */
export function exportHref(window: ExportWindow, format: AuditExportFormat, integration?: string): string {
  const q = new URLSearchParams({ from: window.from, ...(window.to ? { to: window.to } : {}), format, ...(integration ? { integration } : {}) });
  return `/api/audit/export?${q.toString()}`;
}
