import type { HistoryResult } from '../../api/types';
import { useT } from '../../i18n/use-t';
import { formatLatency, formatSiteTime } from '../../ui/format';
import { StatusBadge } from '../../ui/StatusBadge';

const SHOWN = 50;

/** The latest results, newest first: when, which check, OK or failed (with its error class), how long, why. */
export function ResultsTable({ results, timeZone, now }: { results: readonly HistoryResult[]; timeZone: string; now: number }) {
  const { t, locale } = useT();
  if (results.length === 0) return <p className="page__muted">{t('detail.noResults')}</p>;
  return (
    <div className="table-scroll">
      <table className="data-table results-table" data-testid="results">
        <thead>
          <tr>
            <th scope="col">{t('detail.time')}</th>
            <th scope="col">{t('detail.check')}</th>
            <th scope="col">{t('detail.outcome')}</th>
            <th scope="col">{t('detail.latency')}</th>
            <th scope="col">{t('detail.errorClass')}</th>
            <th scope="col">{t('detail.message')}</th>
          </tr>
        </thead>
        <tbody>
          {results.slice(0, SHOWN).map((r) => (
            <tr key={`${r.checkId}-${r.startedAt}`} data-ok={r.ok}>
              <td>
                <time dateTime={r.startedAt}>{formatSiteTime(Date.parse(r.startedAt), timeZone, locale, now, true)}</time>
              </td>
              <td>{r.checkId}</td>
              <td>
                <StatusBadge status={r.ok ? 'operational' : 'down'} word={r.ok ? t('detail.ok') : t('detail.failed')} />
              </td>
              <td>{formatLatency(r.durationMs, locale)}</td>
              <td>{r.errorClass ? <code className="error-class">{r.stage ? `${r.errorClass} (${r.stage})` : r.errorClass}</code> : null}</td>
              <td lang="en">{r.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
