import { useIncidents } from '../../api/use-incidents';
import { useT } from '../../i18n/use-t';
import { formatSiteTime } from '../../ui/format';
import { incidentKindText } from '../../ui/incident-words';
import { Link } from '../../ui/Link';
import { StatusBadge } from '../../ui/StatusBadge';

/** The incidents (last 7 days) this integration was part of, newest first, linking to the incidents page. */
export function IntegrationIncidents({ id, timeZone, now }: { id: string; timeZone: string; now: number }) {
  const { t, locale } = useT();
  const { data, error } = useIncidents();
  if (!data) return <p className="page__muted">{error ? t('app.loadFailed', { message: error.message }) : t('app.loading')}</p>;
  const mine = data.filter((i) => i.members.some((m) => m.integrationId === id)).sort((a, b) => b.openedAt.localeCompare(a.openedAt));
  if (mine.length === 0) return <p className="page__muted">{t('detail.noIncidents')}</p>;
  return (
    <ul className="incident-links" data-testid="integration-incidents">
      {mine.map((i) => (
        <li key={i.id}>
          <StatusBadge status={i.resolvedAt ? 'operational' : i.status} word={i.resolvedAt ? t('incidents.resolvedShort') : undefined} />{' '}
          <Link href={`/incidents#${encodeURIComponent(i.id)}`}>{incidentKindText(i, t)}</Link>{' '}
          <span className="page__muted">{t('incidents.opened', { time: formatSiteTime(Date.parse(i.openedAt), timeZone, locale, now) })}</span>
        </li>
      ))}
    </ul>
  );
}
