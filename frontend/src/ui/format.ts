import type { T } from '../i18n/use-t';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "40 s", "12 min", "3 h 5 min", "2 d 4 h" (units in the language of `t`). */
export function formatDuration(ms: number, t: T): string {
  const held = Math.max(0, ms);
  const unit = (u: 's' | 'min' | 'h' | 'd', n: number) => t(`duration.${u}`, { n });
  if (held < MINUTE) return unit('s', Math.floor(held / 1000));
  if (held < HOUR) return unit('min', Math.floor(held / MINUTE));
  if (held < DAY) {
    const h = Math.floor(held / HOUR);
    const min = Math.floor((held % HOUR) / MINUTE);
    return min ? `${unit('h', h)} ${unit('min', min)}` : unit('h', h);
  }
  const d = Math.floor(held / DAY);
  const h = Math.floor((held % DAY) / HOUR);
  return h ? `${unit('d', d)} ${unit('h', h)}` : unit('d', d);
}

/** "for 12 min" / "sinds 12 min" / "depuis 12 min": how long a status has held. */
export function formatHeldFor(ms: number, t: T): string {
  return t('duration.for', { duration: formatDuration(ms, t) });
}

/** A rough duration for people: "~1 min", "~25 min" (5-min steps from 10), "~1.5 h" (half hours). */
export function formatApprox(ms: number, t: T, locale = 'en-GB'): string {
  const minutes = Math.max(1, ms / MINUTE);
  if (minutes < 10) return t('duration.approxMin', { n: Math.round(minutes) });
  if (minutes < 58) return t('duration.approxMin', { n: Math.round(minutes / 5) * 5 });
  const hours = Math.round(minutes / 30) / 2;
  return t('duration.approxH', { n: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(hours) });
}

/** "340 ms", "2300 ms", "12.5 s"; null when there is no latency to show. */
export function formatLatency(ms: number | null | undefined, locale = 'en-GB'): string | null {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return null;
  if (ms < 10_000) return `${Math.round(ms)} ms`;
  return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(ms / 1000)} s`;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** A cached formatter in the zone (UTC when the zone is unknown, so a bad catalog never blanks the screen). */
function formatter(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    } catch {
      format = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    }
    formats.set(key, format);
  }
  return format;
}

/** "07:31:05" (or "07:31") in the given IANA time zone, 24-hour in every language. */
export function formatTimeOfDay(ms: number, timeZone: string, seconds = true): string {
  return formatter('en-GB', timeZone, { hour: '2-digit', minute: '2-digit', second: seconds ? '2-digit' : undefined, hourCycle: 'h23' }).format(ms);
}

/** "Wed 26 Nov" / "wo 26 nov" / "mer. 26 nov." in the given time zone. */
export function formatDay(ms: number, timeZone: string, locale = 'en-GB'): string {
  return formatter(locale, timeZone, { weekday: 'short', day: 'numeric', month: 'short' }).format(ms);
}

/** "07:31" when `ms` is on the same local day as `today`, else "25 Nov 07:31" (site time zone). */
export function formatSiteTime(ms: number, timeZone: string, locale = 'en-GB', today?: number, seconds = false): string {
  const time = formatTimeOfDay(ms, timeZone, seconds);
  const dayKey = formatter('en-CA', timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' });
  if (today === undefined || dayKey.format(ms) === dayKey.format(today)) return time;
  return `${formatter(locale, timeZone, { day: 'numeric', month: 'short' }).format(ms)} ${time}`;
}
