import type { IncidentSnapshot, IntegrationSnapshot } from '@lifeline/shared';
import { worstStatus } from '@lifeline/shared';
import { useT } from '../../i18n/use-t';
import { incidentKindText } from '../../ui/incident-words';
import { StatusBadge } from '../../ui/StatusBadge';
import { IntegrationTile } from './IntegrationTile';

export interface TileGroupProps {
  incident: IncidentSnapshot;
  members: IntegrationSnapshot[];
  memberCount: number;
  now: number;
  timeZone: string;
  linked: boolean;
  /** Integration id → name, to name the hospital system an internal incident is about. */
  nameOf: (id: string) => string | undefined;
}

/** The links of one common-cause incident, framed together under its title and member count. */
export function TileGroup({ incident, members, memberCount, now, timeZone, linked, nameOf }: TileGroupProps) {
  const { t } = useT();
  const status = worstStatus(members.map((m) => m.status));
  const headingId = `group-${incident.id}`;
  return (
    <section
      className={`tile-group status--${status}`}
      aria-labelledby={headingId}
      data-testid={`group-${incident.id}`}
      data-kind={incident.kind}
      data-count={memberCount}
    >
      <h3 className="tile-group__heading" id={headingId}>
        <StatusBadge status={status} />
        <span className="tile-group__title" title={incident.title}>
          {incidentKindText(incident, t, nameOf)}
        </span>
        <span className="tile-group__count">{t('wall.groupCount', { count: memberCount })}</span>
      </h3>
      <div className="tiles tile-group__tiles">
        {members.map((integration) => (
          <IntegrationTile key={integration.id} integration={integration} now={now} timeZone={timeZone} linked={linked} />
        ))}
      </div>
    </section>
  );
}
