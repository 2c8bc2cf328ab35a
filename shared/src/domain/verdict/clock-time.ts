interface Formatters {
  time: Intl.DateTimeFormat;
  day: Intl.DateTimeFormat;
  date: Intl.DateTimeFormat;
}
const formatters = new Map<string, Formatters>();

function formattersFor(timeZone: string): Formatters {
  let f = formatters.get(timeZone);
  if (!f) {
    f = {
      time: new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }),
      day: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone }),
      date: new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }),
    };
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * A wall-clock time in the site's time zone: `07:31`. When `today` is given and `ms` falls on
 * another local day, the day is added: `4 Mar 14:00`.
 */
export function formatClockTime(ms: number, timeZone: string, today?: number): string {
  const f = formattersFor(timeZone);
  const time = f.time.format(ms);
  if (today === undefined || f.date.format(ms) === f.date.format(today)) return time;
  return `${f.day.format(ms)} ${time}`;
}
