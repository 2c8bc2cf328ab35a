import type { ConnectionState } from '../../live/live-state';
import { useT } from '../../i18n/use-t';
import { formatTimeOfDay } from '../../ui/format';

export interface StaleNoticeProps {
  connection: ConnectionState;
  /** Server time (ms) of the last update received. */
  lastUpdate: number;
  timeZone: string;
}

/** In the header whenever the data is not current, so old green is never taken for the present. */
export function StaleNotice({ connection, lastUpdate, timeZone }: StaleNoticeProps) {
  const { t } = useT();
  return (
    <div className="stale-notice" role="alert" data-testid="stale-notice">
      <strong className="stale-notice__title">{t('stale.title', { time: formatTimeOfDay(lastUpdate, timeZone) })}</strong>
      {connection !== 'live' && <span className="stale-notice__why">{t(`stale.${connection}`)}</span>}
    </div>
  );
}
