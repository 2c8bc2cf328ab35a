/**
 * ISO 8601 times in a site's time zone with its UTC offset at that instant:
 * `2025-03-04T07:31:00.000+01:00`. Exports and reports print every time this way, so a
 * reader in Ghent sees wall-clock times and a machine still gets the exact instant.
 */
const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

/** True when Intl knows the zone (a catalog may name one this runtime lacks). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    partsFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Minutes east of UTC that `timeZone` observes at `epochMs` (+60 for Brussels in winter). */
export function zoneOffsetMinutes(epochMs: number, timeZone: string): number {
  const parts = partsFormatter(timeZone).formatToParts(new Date(epochMs));
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60_000);
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `+01:00`, `-03:30`, `+00:00`. */
export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * Offsets change at most a few times a year, and only on a quarter hour: remember the
 * offset of the last quarter hour seen per zone, so formatting a long run of times in order
 * asks Intl about once per quarter hour instead of once per time.
 */
const QUARTER_HOUR = 900_000;
const lastOffset = new Map<string, { bucket: number; offset: number }>();

function cachedOffset(epochMs: number, timeZone: string): number {
  const bucket = Math.floor(epochMs / QUARTER_HOUR);
  const hit = lastOffset.get(timeZone);
  if (hit && hit.bucket === bucket) return hit.offset;
  const offset = zoneOffsetMinutes(epochMs, timeZone);
  lastOffset.set(timeZone, { bucket, offset });
  return offset;
}

/**
 * `epochMs` as ISO 8601 in `timeZone`, with milliseconds (or without, `millis: false`) and
 * the offset: `2025-03-04T07:31:00.000+01:00`. An unknown zone falls back to UTC (`+00:00`).
 */
export function formatZonedIso(epochMs: number, timeZone: string, { millis = true } = {}): string {
  const zone = isKnownTimeZone(timeZone) ? timeZone : 'UTC';
  const offset = cachedOffset(epochMs, zone);
  const local = new Date(epochMs + offset * 60_000).toISOString();
  return `${millis ? local.slice(0, 23) : local.slice(0, 19)}${formatOffset(offset)}`;
}
