import type { IncidentSnapshot, IntegrationSnapshot, Side } from '@lifeline/shared';
import { useT } from '../../i18n/use-t';
import { IntegrationTile } from './IntegrationTile';
import { TileGroup } from './TileGroup';
import { groupTiles } from './wall-groups';

export interface SideSectionProps {
  side: Side;
  integrations: readonly IntegrationSnapshot[];
  incidents: readonly IncidentSnapshot[];
  now: number;
  timeZone: string;
  linked: boolean;
  nameOf: (id: string) => string | undefined;
}

/** One half of the wall: the hospital's own systems, or the partners outside. */
export function SideSection({ side, integrations, incidents, now, timeZone, linked, nameOf }: SideSectionProps) {
  const { t } = useT();
  const items = groupTiles(integrations, incidents);
  const operational = integrations.filter((i) => i.status === 'operational').length;
  const headingId = `side-${side}`;
  return (
    <section className={`side side--${side}`} aria-labelledby={headingId} data-testid={`side-${side}`}>
      <h2 className="side__heading" id={headingId}>
        <span className="side__title">{t(`wall.sides.${side}.title`)}</span>
        <span className="side__subtitle">{t(`wall.sides.${side}.subtitle`)}</span>
        <span className="side__count">{t('wall.operationalCount', { ok: operational, count: integrations.length })}</span>
      </h2>
      {items.length === 0 ? (
        <p className="side__empty">{t(`wall.sides.${side}.empty`)}</p>
      ) : (
        <div className="tiles">
          {items.map((item) =>
            item.kind === 'group' ? (
              <TileGroup key={item.incident.id} {...item} now={now} timeZone={timeZone} linked={linked} nameOf={nameOf} />
            ) : (
              <IntegrationTile key={item.integration.id} integration={item.integration} now={now} timeZone={timeZone} linked={linked} />
            ),
          )}
        </div>
      )}
    </section>
  );
}
