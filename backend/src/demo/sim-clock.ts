import { formatClock, parseClock } from './scenarios.js';

/** Wall-clock parts of an instant in a time zone, plus that zone's UTC offset then. */
function zoned(epochMs: number, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number; offsetMin: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(epochMs));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const [y, mo, d, h, mi, s] = ['year', 'month', 'day', 'hour', 'minute', 'second'].map(get);
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  return { y, mo, d, h, mi, offsetMin: Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60_000) };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** ISO 8601 with the zone's offset (`2025-03-14T07:20:00.000+01:00`): the contract says times carry their offset. */
export function isoInZone(epochMs: number, timeZone: string): string {
  const { offsetMin } = zoned(epochMs, timeZone);
  const local = new Date(epochMs + offsetMin * 60_000).toISOString().slice(0, -1);
  const sign = offsetMin < 0 ? '-' : '+';
  return `${local}${sign}${pad(Math.floor(Math.abs(offsetMin) / 60))}:${pad(Math.abs(offsetMin) % 60)}`;
}

/** The instant when the wall clock in `timeZone` shows `minuteOfDay` on the same date as `dayOf`. */
function wallTimeToday(dayOf: number, minuteOfDay: number, timeZone: string): number {
  const { y, mo, d } = zoned(dayOf, timeZone);
  const guess = Date.UTC(y, mo - 1, d, Math.floor(minuteOfDay / 60), minuteOfDay % 60);
  // Two passes settle the offset even when the guess sits on the other side of a DST change.
  const once = guess - zoned(guess, timeZone).offsetMin * 60_000;
  return guess - zoned(once, timeZone).offsetMin * 60_000;
}

/**
 * The simulator's compressed clock: starts at `startAt` (wall time in `timeZone`, today)
 * and advances `timeFactor` simulated seconds per real second. The real clock is
 * injectable so tests can drive it.
 */
export class SimClock {
  readonly startMinute: number;
  private readonly realStart: number;
  private readonly simStart: number;

  constructor(
    startAt: string,
    private readonly timeFactor: number,
    private readonly timeZone: string,
    private readonly realNow: () => number = Date.now,
  ) {
    if (!(timeFactor > 0) || !Number.isFinite(timeFactor)) throw new Error(`timeFactor must be a positive number, got ${timeFactor}`);
    this.startMinute = parseClock(startAt);
    this.realStart = realNow();
    this.simStart = wallTimeToday(this.realStart, this.startMinute, timeZone);
  }

  private elapsedSimMs(): number {
    return (this.realNow() - this.realStart) * this.timeFactor;
  }

  /** Simulated minutes since midnight of the start day; keeps counting past 24:00 so scenarios stay monotonic. */
  minute(): number {
    return this.startMinute + this.elapsedSimMs() / 60_000;
  }

  iso(): string {
    return isoInZone(this.simStart + this.elapsedSimMs(), this.timeZone);
  }

  /** `HH:MM` of the simulated clock, for log lines. */
  hhmm(): string {
    return formatClock(this.minute());
  }

  /** Real milliseconds until the simulated clock reaches `minute` (0 when already past). */
  realMsUntil(minute: number): number {
    return Math.max(0, ((minute - this.minute()) * 60_000) / this.timeFactor);
  }
}
