import { isCurrent } from '../../live/live-state';
import type { LiveState } from '../../live/live-state';
import { useT } from '../../i18n/use-t';
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

export interface WallProps {
  state: LiveState;
  /** On the kiosk (the TV) tiles are not links; elsewhere they lead to the integration's page. */
  kiosk?: boolean;
}

/** The wall screen: headline, internal and external halves, and whether any of it is current. */
export function Wall({ state, kiosk = true }: WallProps) {
  const { t } = useT();
  const now = useNow(RELATIVE_TIME_REFRESH_MS) + state.serverOffsetMs;
  const { snapshot, connection } = state;
  const className = `wall${kiosk ? ' wall--kiosk' : ''}`;

  if (!snapshot) {
    return (
      <div className={`${className} wall--waiting`}>
        <WallHeader siteName={t('app.product')} timeZone={LOCAL_ZONE} connection={connection} serverOffsetMs={0} />
        {connection === 'refused' ? (
          <p className="wall__waiting wall__waiting--refused" data-testid="waiting" role="alert">
            {t('wall.refused')} <a href="/login?next=%2Fwall">{t('auth.signIn')}</a>
          </p>
        ) : (
          <p className="wall__waiting" data-testid="waiting">
            {connection === 'offline' ? t('wall.unreachable') : t('wall.waiting')}
          </p>
        )}
      </div>
    );
  }

  const current = isCurrent(state);
  const { site, integrations, incidents } = snapshot;
  const lastUpdate = (state.lastUpdateAt ?? 0) + state.serverOffsetMs;
  const names = new Map(integrations.map((i) => [i.id, i.name]));
  const nameOf = (id: string) => names.get(id);
  const half = (side: 'internal' | 'external') => (
    <SideSection
      side={side}
      integrations={integrations.filter((i) => i.side === side)}
      incidents={incidents}
      now={now}
      timeZone={site.timezone}
      linked={!kiosk}
      nameOf={nameOf}
    />
  );
  return (
    <div className={`${className} wall--${densityFor(integrations.length)}${current ? '' : ' wall--not-current'}`} data-current={current}>
      <WallHeader siteName={site.name} timeZone={site.timezone} connection={connection} serverOffsetMs={state.serverOffsetMs} historyStore={snapshot.historyStore}>
        {!current && <StaleNotice connection={connection} lastUpdate={lastUpdate} timeZone={site.timezone} />}
      </WallHeader>
      {snapshot.demo && <DemoBanner demo={snapshot.demo} timeZone={site.timezone} />}
      <VerdictHeadline verdict={snapshot.verdict} integrations={integrations} current={current} timeZone={site.timezone} now={now} />
      <main className="wall__sides" id="main" tabIndex={-1}>
        {half('internal')}
        {half('external')}
      </main>
    </div>
  );
}
