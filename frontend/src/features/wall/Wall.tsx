import { isCurrent } from '../../live/live-state';
import type { LiveState } from '../../live/live-state';
import { useNow } from '../../ui/use-now';
import { DemoBanner } from './DemoBanner';
import { densityFor } from './order-tiles';
import { SideSection } from './SideSection';
import { StaleNotice } from './StaleNotice';
import { VerdictHeadline } from './VerdictHeadline';
import { WallHeader } from './WallHeader';
import './wall.css';

/** How often "for 12 min" moves on. */
const RELATIVE_TIME_REFRESH_MS = 5_000;
const LOCAL_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The wall screen: headline, internal and external halves, and whether any of it is current. */
export function Wall({ state }: { state: LiveState }) {
  const now = useNow(RELATIVE_TIME_REFRESH_MS) + state.serverOffsetMs;
  const { snapshot, connection } = state;

  if (!snapshot) {
    return (
      <div className="wall wall--waiting">
        <WallHeader siteName="Lifeline" timeZone={LOCAL_ZONE} connection={connection} serverOffsetMs={0} />
        <p className="wall__waiting" data-testid="waiting">
          {connection === 'offline' ? 'Cannot reach the Lifeline server — retrying…' : 'Connecting to the Lifeline server…'}
        </p>
      </div>
    );
  }

  const current = isCurrent(state);
  const { site, integrations } = snapshot;
  const lastUpdate = (state.lastUpdateAt ?? 0) + state.serverOffsetMs;
  return (
    <div className={`wall wall--${densityFor(integrations.length)} ${current ? '' : 'wall--not-current'}`} data-current={current}>
      <WallHeader siteName={site.name} timeZone={site.timezone} connection={connection} serverOffsetMs={state.serverOffsetMs}>
        {!current && <StaleNotice connection={connection} lastUpdate={lastUpdate} timeZone={site.timezone} />}
      </WallHeader>
      {snapshot.demo && <DemoBanner demo={snapshot.demo} timeZone={site.timezone} />}
      <VerdictHeadline verdict={snapshot.verdict} current={current} />
      <main className="wall__sides">
        <SideSection side="internal" integrations={integrations.filter((i) => i.side === 'internal')} now={now} timeZone={site.timezone} />
        <SideSection side="external" integrations={integrations.filter((i) => i.side === 'external')} now={now} timeZone={site.timezone} />
      </main>
    </div>
  );
}
