import type { ReactNode } from 'react';
import type { HistoryStoreState } from '@lifeline/shared';
import type { ConnectionState } from '../../live/live-state';
import { useT } from '../../i18n/use-t';
import { ConnectionIndicator } from '../../ui/ConnectionIndicator';
import { HistoryStoreNotice } from './HistoryStoreNotice';
import { SiteClock } from './SiteClock';

export interface WallHeaderProps {
  siteName: string;
  timeZone: string;
  connection: ConnectionState;
  serverOffsetMs: number;
  /** Shown between the site and the clock: the STALE notice when the data is not current. */
  children?: ReactNode;
  /** From the snapshot (kept current by ticks): warns while the database is not taking history. */
  historyStore?: HistoryStoreState;
}

export function WallHeader({ siteName, timeZone, connection, serverOffsetMs, children, historyStore }: WallHeaderProps) {
  const { t } = useT();
  return (
    <header className="wall-header">
      <div className="wall-header__site">
        <span className="wall-header__product">{t('app.product')}</span>
        <h1 className="wall-header__name">{siteName}</h1>
      </div>
      <div className="wall-header__notice">
        {children}
        <HistoryStoreNotice historyStore={historyStore} timeZone={timeZone} />
      </div>
      <ConnectionIndicator state={connection} />
      <SiteClock timeZone={timeZone} serverOffsetMs={serverOffsetMs} />
    </header>
  );
}
