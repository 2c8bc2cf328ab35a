/**
 * Business hours in the site's time zone, as pure functions of (hours, instant, time zone):
 *
 *   inBusinessHours(hours, ms, timeZone): boolean
 *   businessHoursChangedAt(hours, now, timeZone): number | undefined   the last opening or closing at or before now
 *
 * `from` is inclusive, `to` exclusive (`24:00` is the end of the day). Daylight saving time is the
 * time zone's: 08:00 is 08:00 on the wall, in winter and in summer.
 */
import { WEEKDAYS, type HeartbeatSchedule, type Weekday } from '../../contracts/checks/heartbeat.js';

export type BusinessHours = HeartbeatSchedule['businessHours'];

interface WallClock {
  year: number;
  month: number;
  day: number;
  weekday: Weekday;
  /** Minutes since local midnight. */
  minutes: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function wallClock(ms: number, timeZone: string): WallClock {
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(ms).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    weekday: parts.weekday.toLowerCase().slice(0, 3) as Weekday,
    minutes: (Number(parts.hour) % 24) * 60 + Number(parts.minute),
    second: Number(parts.second),
  };
}

/** How far the wall clock is ahead of UTC at `ms`, in ms. */
function offsetAt(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, 0, w.minutes, w.second) - Math.floor(ms / 1000) * 1000;
}

/** The instant a wall-clock time (minutes after midnight of a local date) happens; in a DST gap, an hour off. */
function zonedInstant(year: number, month: number, day: number, minutes: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day, 0, minutes);
  const first = wall - offsetAt(wall, timeZone);
  return wall - offsetAt(first, timeZone);
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function inBusinessHours(hours: BusinessHours, ms: number, timeZone: string): boolean {
  const w = wallClock(ms, timeZone);
  return hours.days.includes(w.weekday) && minutesOf(hours.from) <= w.minutes && w.minutes < minutesOf(hours.to);
}

/**
 * The last moment at or before `now` when business hours opened or closed; undefined when they
 * never change (open around the clock every day).
 */
export function businessHoursChangedAt(hours: BusinessHours, now: number, timeZone: string): number | undefined {
  const today = wallClock(now, timeZone);
  let last: number | undefined;
  // Every listed day has an opening, so the last week holds the last change.
  for (let back = 0; back <= 7; back++) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day - back));
    if (!hours.days.includes(WEEKDAYS[(date.getUTCDay() + 6) % 7])) continue;
    for (const minutes of [minutesOf(hours.from), minutesOf(hours.to)]) {
      const at = zonedInstant(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), minutes, timeZone);
      if (at > now || (last !== undefined && at <= last)) continue;
      // `to` 24:00 followed by `from` 00:00 the next day is no change at all.
      if (inBusinessHours(hours, at, timeZone) !== inBusinessHours(hours, at - 1, timeZone)) last = at;
    }
  }
  return last;
}
