const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "for 40 s", "for 12 min", "for 3 h 5 min", "for 2 d 4 h": how long a status has held. */
export function formatHeldFor(ms: number): string {
  const held = Math.max(0, ms);
  if (held < MINUTE) return `for ${Math.floor(held / 1000)} s`;
  if (held < HOUR) return `for ${Math.floor(held / MINUTE)} min`;
  if (held < DAY) {
    const h = Math.floor(held / HOUR);
    const min = Math.floor((held % HOUR) / MINUTE);
    return min ? `for ${h} h ${min} min` : `for ${h} h`;
  }
  const d = Math.floor(held / DAY);
  const h = Math.floor((held % DAY) / HOUR);
  return h ? `for ${d} d ${h} h` : `for ${d} d`;
}

/** "340 ms", "2300 ms", "12.5 s"; null when there is no latency to show. */
export function formatLatency(ms: number | null): string | null {
  if (ms === null || !Number.isFinite(ms)) return null;
  if (ms < 10_000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** "07:31:05" (or "07:31") in the given IANA time zone; falls back to UTC for an unknown zone. */
export function formatTimeOfDay(ms: number, timeZone: string, seconds = true): string {
  const key = `${timeZone}|${seconds}`;
  let format = timeFormats.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', second: seconds ? '2-digit' : undefined, hourCycle: 'h23' };
    try {
      format = new Intl.DateTimeFormat('en-GB', { ...options, timeZone });
    } catch {
      format = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'UTC' });
    }
    timeFormats.set(key, format);
  }
  return format.format(ms);
}

/** "Wed 26 Nov" in the given time zone. */
export function formatDay(ms: number, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone }).format(ms);
  } catch {
    return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(ms);
  }
}
