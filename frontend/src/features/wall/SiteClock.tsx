import { useT } from '../../i18n/use-t';
import { formatDay, formatTimeOfDay } from '../../ui/format';
import { useNow } from '../../ui/use-now';

/** The time at the site (in its own time zone, on the server's clock), ticking every second. */
export function SiteClock({ timeZone, serverOffsetMs }: { timeZone: string; serverOffsetMs: number }) {
  const { t, locale } = useT();
  const now = useNow(1_000) + serverOffsetMs;
  return (
    <div className="clock" data-testid="clock" aria-label={t('wall.clock')}>
      <time className="clock__time" dateTime={new Date(now).toISOString()}>
        {formatTimeOfDay(now, timeZone)}
      </time>
      <span className="clock__day">{formatDay(now, timeZone, locale)}</span>
    </div>
  );
}
