import type { IntegrationSnapshot } from '@lifeline/shared';
import { StatusBadge } from '../../ui/StatusBadge';
import { STATUS_WORDS } from '../../ui/status-words';
import { formatHeldFor, formatLatency, formatTimeOfDay } from './format';

export interface IntegrationTileProps {
  integration: IntegrationSnapshot;
  /** Server time (ms) to measure "for 12 min" from. */
  now: number;
  /** The site's time zone, for "until 09:00". */
  timeZone: string;
}

/** One monitored link: name, partner, status (icon + word + colour), for how long, latency, why. */
export function IntegrationTile({ integration: i, now, timeZone }: IntegrationTileProps) {
  const since = Date.parse(i.since);
  const heldFor = Number.isFinite(since) ? formatHeldFor(now - since) : null;
  const latency = formatLatency(i.latencyMs);
  const reason = i.status === 'operational' ? undefined : i.status === 'maintenance' && i.maintenance ? maintenanceText(i.maintenance, timeZone) : i.reasons[0];
  const partner = [i.partner, i.role === 'canary' ? 'reference' : undefined].filter(Boolean).join(' · ');

  return (
    <article
      className={`tile status--${i.status}`}
      data-testid={`tile-${i.id}`}
      data-status={i.status}
      aria-label={`${i.name}: ${STATUS_WORDS[i.status]}`}
    >
      <h3 className="tile__name">{i.name}</h3>
      {partner && <div className="tile__partner">{partner}</div>}
      <StatusBadge status={i.status} />
      <div className="tile__meta">
        {heldFor && <span>{heldFor}</span>}
        {latency && <span className="tile__latency">{latency}</span>}
      </div>
      {reason && (
        <p className="tile__reason" title={reason}>
          {reason}
        </p>
      )}
    </article>
  );
}

function maintenanceText(window: NonNullable<IntegrationSnapshot['maintenance']>, timeZone: string): string {
  const end = Date.parse(window.end);
  return Number.isFinite(end) ? `${window.reason} — until ${formatTimeOfDay(end, timeZone, false)}` : window.reason;
}
