import type { ConnectionState } from '../../live/live-state';
import { formatTimeOfDay } from './format';

const WHY: Record<ConnectionState, string> = {
  stale: 'No word from the server — statuses below may be out of date.',
  offline: 'Connection to the server lost — reconnecting…',
  connecting: 'Reconnected — waiting for fresh data…',
  live: '',
};

export interface StaleNoticeProps {
  connection: ConnectionState;
  /** Server time (ms) of the last update received. */
  lastUpdate: number;
  timeZone: string;
}

/** In the header whenever the data is not current, so old green is never taken for the present. */
export function StaleNotice({ connection, lastUpdate, timeZone }: StaleNoticeProps) {
  return (
    <div className="stale-notice" role="alert" data-testid="stale-notice">
      <strong className="stale-notice__title">STALE — last update {formatTimeOfDay(lastUpdate, timeZone)}</strong>
      <span className="stale-notice__why">{WHY[connection]}</span>
    </div>
  );
}
