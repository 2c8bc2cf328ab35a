import type { IntegrationSnapshot } from '@lifeline/shared';
import { useT } from '../../i18n/use-t';
import { formatHeldFor, formatLatency, formatTimeOfDay } from '../../ui/format';
import { Link } from '../../ui/Link';
import { StatusBadge } from '../../ui/StatusBadge';

export interface IntegrationTileProps {
  integration: IntegrationSnapshot;
  /** Server time (ms) to measure "for 12 min" from. */
  now: number;
  /** The site's time zone, for "until 09:00". */
  timeZone: string;
  /** Off the kiosk, the name links to the integration's detail page. */
  linked?: boolean;
}

/** One monitored link: name, partner, status (icon + word + colour), for how long, latency, why. */
export function IntegrationTile({ integration: i, now, timeZone, linked = false }: IntegrationTileProps) {
  const { t, locale } = useT();
  const since = Date.parse(i.since);
  const heldFor = Number.isFinite(since) ? formatHeldFor(now - since, t) : null;
  const latency = formatLatency(i.latencyMs, locale);
  const reason =
    i.status === 'operational' ? undefined : i.status === 'maintenance' && i.maintenance ? maintenanceText(i.maintenance, timeZone, t) : i.reasons[0];
  const partner = [i.partner, i.role === 'canary' ? t('wall.reference') : undefined].filter(Boolean).join(' · ');

  return (
    <article
      className={`tile status--${i.status}`}
      data-testid={`tile-${i.id}`}
      data-status={i.status}
      aria-label={`${i.name}: ${t(`status.${i.status}`)}`}
    >
      <h3 className="tile__name">{linked ? <Link href={`/integrations/${encodeURIComponent(i.id)}`}>{i.name}</Link> : i.name}</h3>
      {partner && <div className="tile__partner">{partner}</div>}
      <StatusBadge status={i.status} />
      <div className="tile__meta">
        {heldFor && <span>{heldFor}</span>}
        {latency && <span className="tile__latency">{latency}</span>}
      </div>
      {reason && (
        <p className="tile__reason" title={reason} lang="en">
          {reason}
        </p>
      )}
    </article>
  );
}

function maintenanceText(window: NonNullable<IntegrationSnapshot['maintenance']>, timeZone: string, t: ReturnType<typeof useT>['t']): string {
  const end = Date.parse(window.end);
  return Number.isFinite(end) ? t('wall.until', { reason: window.reason, time: formatTimeOfDay(end, timeZone, false) }) : window.reason;
}
