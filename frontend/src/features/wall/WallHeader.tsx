import type { ReactNode } from 'react';
import type { ConnectionState } from '../../live/live-state';
import { ConnectionIndicator } from './ConnectionIndicator';
import { SiteClock } from './SiteClock';

export interface WallHeaderProps {
  siteName: string;
  timeZone: string;
  connection: ConnectionState;
  serverOffsetMs: number;
  /** Shown between the site and the clock: the STALE notice when the data is not current. */
  children?: ReactNode;
}

export function WallHeader({ siteName, timeZone, connection, serverOffsetMs, children }: WallHeaderProps) {
  return (
    <header className="wall-header">
      <div className="wall-header__site">
        <span className="wall-header__product">Lifeline</span>
        <h1 className="wall-header__name">{siteName}</h1>
      </div>
      <div className="wall-header__notice">{children}</div>
      <ConnectionIndicator state={connection} />
      <SiteClock timeZone={timeZone} serverOffsetMs={serverOffsetMs} />
    </header>
  );
}
