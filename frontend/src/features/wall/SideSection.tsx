import type { IntegrationSnapshot, Side } from '@lifeline/shared';
import { IntegrationTile } from './IntegrationTile';
import { orderTiles } from './order-tiles';

const TITLES: Record<Side, { title: string; subtitle: string }> = {
  internal: { title: 'Internal', subtitle: 'hospital systems' },
  external: { title: 'External', subtitle: 'partners' },
};

export interface SideSectionProps {
  side: Side;
  integrations: readonly IntegrationSnapshot[];
  now: number;
  timeZone: string;
}

/** One half of the wall: the hospital's own systems, or the partners outside. */
export function SideSection({ side, integrations, now, timeZone }: SideSectionProps) {
  const { title, subtitle } = TITLES[side];
  const ordered = orderTiles(integrations);
  const operational = integrations.filter((i) => i.status === 'operational').length;
  const headingId = `side-${side}`;
  return (
    <section className={`side side--${side}`} aria-labelledby={headingId} data-testid={`side-${side}`}>
      <h2 className="side__heading" id={headingId}>
        <span className="side__title">{title}</span>
        <span className="side__subtitle">{subtitle}</span>
        <span className="side__count">
          {operational} of {integrations.length} operational
        </span>
      </h2>
      {ordered.length === 0 ? (
        <p className="side__empty">No {subtitle} monitored.</p>
      ) : (
        <div className="tiles">
          {ordered.map((integration) => (
            <IntegrationTile key={integration.id} integration={integration} now={now} timeZone={timeZone} />
          ))}
        </div>
      )}
    </section>
  );
}
