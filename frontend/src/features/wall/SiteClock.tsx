import { useNow } from '../../ui/use-now';
import { formatDay, formatTimeOfDay } from './format';

/** The time at the site (in its own time zone, on the server's clock), ticking every second. */
export function SiteClock({ timeZone, serverOffsetMs }: { timeZone: string; serverOffsetMs: number }) {
  const now = useNow(1_000) + serverOffsetMs;
  return (
    <div className="clock" data-testid="clock">
      <time className="clock__time" dateTime={new Date(now).toISOString()}>
        {formatTimeOfDay(now, timeZone)}
      </time>
      <span className="clock__day">{formatDay(now, timeZone)}</span>
    </div>
  );
}
