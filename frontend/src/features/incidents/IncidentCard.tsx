import type { IncidentSnapshot } from '@lifeline/shared';
import { useT } from '../../i18n/use-t';
import { formatDuration, formatSiteTime } from '../../ui/format';
import { incidentKindText } from '../../ui/incident-words';
import { Link } from '../../ui/Link';
import { StatusBadge } from '../../ui/StatusBadge';
import { IncidentActions } from './IncidentActions';
import type { Actor } from './IncidentActions';

export interface IncidentCardProps {
  incident: IncidentSnapshot;
  timeZone: string;
  now: number;
  /** Null: this person may not acknowledge or add notes (signed out, or not an operator). */
  actor: Actor | null;
  nameOf: (id: string) => string | undefined;
}

/** One incident: what and why (attribution), since and until when, its members, timeline, acknowledgements, notes. */
export function IncidentCard({ incident: i, timeZone, now, actor, nameOf }: IncidentCardProps) {
  const { t, locale } = useT();
  const at = (iso: string) => formatSiteTime(Date.parse(iso), timeZone, locale, now);
  const opened = Date.parse(i.openedAt);
  const resolved = i.resolvedAt ? Date.parse(i.resolvedAt) : undefined;
  const status = resolved !== undefined ? 'operational' : i.status;
  const headingId = `incident-${i.id}-title`;
  return (
    <article id={i.id} className={`incident card status--${status}`} aria-labelledby={headingId} data-testid={`incident-${i.id}`} tabIndex={-1}>
      <h3 id={headingId} className="incident__title">
        {incidentKindText(i, t, nameOf)}
      </h3>
      <p className="incident__server-title page__muted" lang="en">
        {i.title}
      </p>
      <p className="incident__facts">
        <StatusBadge status={status} word={resolved !== undefined ? t('incidents.resolvedShort') : undefined} />
        <span>{t('incidents.worst', { status: t(`status.${i.worst}`) })}</span>
        <span>{t('incidents.opened', { time: at(i.openedAt) })}</span>
        {resolved !== undefined && i.resolvedAt ? (
          <span>
            {t('incidents.resolved', { time: at(i.resolvedAt) })} · {t('incidents.lasted', { duration: formatDuration(resolved - opened, t) })}
          </span>
        ) : (
          <span>{t('incidents.ongoing', { duration: formatDuration(now - opened, t) })}</span>
        )}
        {i.mergedInto && <span>{t('incidents.mergedInto')}</span>}
      </p>
      <p className="incident__acks" data-testid="acks">
        <strong>{t('incidents.acks')}:</strong>{' '}
        {i.acknowledgements.length === 0
          ? t('incidents.notAcked')
          : i.acknowledgements.map((a) => `${t('incidents.ackBy', { by: a.by, time: at(a.at) })}${a.note ? ` — ${a.note}` : ''}`).join('; ')}
      </p>

      <details className="incident__more" open={resolved === undefined}>
        <summary>
          {t('incidents.members')} ({i.members.length})
        </summary>
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('incidents.member')}</th>
                <th scope="col">{t('incidents.memberStatus')}</th>
                <th scope="col">{t('incidents.joined')}</th>
                <th scope="col">{t('incidents.left')}</th>
              </tr>
            </thead>
            <tbody>
              {i.members.map((m) => (
                <tr key={m.integrationId}>
                  <td>
                    <Link href={`/integrations/${encodeURIComponent(m.integrationId)}`}>{m.name}</Link>
                    {m.partner && <span className="page__muted"> · {m.partner}</span>}
                  </td>
                  <td>
                    <StatusBadge status={m.leftAt ? 'operational' : m.status} word={m.leftAt && m.leftAs ? t(`incidents.leftAs.${m.leftAs}`) : undefined} />
                  </td>
                  <td>{at(m.joinedAt)}</td>
                  <td>{m.leftAt ? at(m.leftAt) : t('incidents.still')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <details className="incident__more">
        <summary>
          {t('incidents.timeline')} ({i.timeline.length})
        </summary>
        <ol className="incident__timeline" lang="en">
          {i.timeline.map((e, n) => (
            <li key={`${e.at}-${n}`}>
              <time dateTime={e.at}>{at(e.at)}</time> {e.text}
            </li>
          ))}
        </ol>
      </details>
      <section className="incident__notes" aria-label={t('incidents.notes')}>
        <h4>{t('incidents.notes')}</h4>
        {i.notes.length === 0 ? (
          <p className="page__muted">{t('incidents.noNotes')}</p>
        ) : (
          <ul>
            {i.notes.map((note, n) => (
              <li key={`${note.at}-${n}`}>
                <strong>{note.by}</strong> <time dateTime={note.at}>{at(note.at)}</time>: {note.text}
              </li>
            ))}
          </ul>
        )}
      </section>
      {actor && <IncidentActions incident={i} actor={actor} />}
    </article>
  );
}
