import { useT } from '../../i18n/use-t';
import { formatApprox, formatSiteTime } from '../../ui/format';
import { StatusBadge } from '../../ui/StatusBadge';
import type { ClinicianSource } from './clinician-sources';

export interface SourceCardProps {
  source: ClinicianSource;
  timeZone: string;
  now: number;
}

/** One outside data source in plain words: OK / Delayed / Unavailable, how late, since when, what to do. */
export function SourceCard({ source: s, timeZone, now }: SourceCardProps) {
  const { t, locale } = useT();
  const headingId = `source-${s.id}-name`;
  const what = t(`clinician.what.${s.kind}`);
  const late =
    s.lateness.kind === 'upTo'
      ? t('clinician.lateUpTo', { what, duration: formatApprox(s.lateness.ms, t, locale) })
      : s.lateness.kind === 'some'
        ? t('clinician.lateSome', { what })
        : null;
  const ok = s.status === 'operational';
  const when =
    s.status === 'maintenance' && s.maintenanceUntil !== undefined
      ? t('clinician.until', { time: formatSiteTime(s.maintenanceUntil, timeZone, locale, now) })
      : !ok && Number.isFinite(s.since)
        ? t('clinician.since', { time: formatSiteTime(s.since, timeZone, locale, now) })
        : null;
  const help = (
    <>
      <p className="source__fallback" lang="en">
        {s.fallback ?? t('clinician.noFallback')}
      </p>
      {s.contact && (
        <p className="source__contact">
          <strong>{t('clinician.contact')}:</strong> <span lang="en">{s.contact}</span>
        </p>
      )}
    </>
  );

  return (
    <article className={`source card status--${s.status}`} aria-labelledby={headingId} data-testid={`source-${s.id}`} data-status={s.status}>
      <h3 className="source__name" id={headingId}>
        {t(`clinician.sources.${s.kind}`)}
        {s.partner && <span className="source__partner"> · {s.partner}</span>}
      </h3>
      {s.summary && (
        <p className="source__summary" lang="en">
          {s.summary}
        </p>
      )}
      <p className="source__status">
        <StatusBadge status={s.status} word={t(`clinician.status.${s.status}`)} size="lg" />
        {when && <span className="source__since">{when}</span>}
      </p>
      {late && (
        <p className="source__late" data-testid="late">
          {late}
        </p>
      )}
      {s.status === 'unknown' && <p className="source__late">{t('clinician.unknownNote')}</p>}
      {ok ? (
        <details className="source__help">
          <summary>{t('clinician.fallback')}</summary>
          {help}
        </details>
      ) : (
        <div className="source__help source__help--open">
          <h4>{t('clinician.fallback')}</h4>
          {help}
        </div>
      )}
    </article>
  );
}
