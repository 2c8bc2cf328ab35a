import { useState } from 'react';
import { useT } from '../../i18n/use-t';
import { isCurrent } from '../../live/live-state';
import { useLiveState } from '../../live/use-live-state';
import { formatHeldFor, formatLatency, formatSiteTime, formatTimeOfDay } from '../../ui/format';
import { Link } from '../../ui/Link';
import { StatusBadge } from '../../ui/StatusBadge';
import { useNow } from '../../ui/use-now';
import { Dependencies } from './Dependencies';
import { RANGES } from './history';
import type { Range } from './history';
import { IntegrationIncidents } from './IntegrationIncidents';
import { LatencyChart } from './LatencyChart';
import { ResultsTable } from './ResultsTable';
import { StatusTimeline } from './StatusTimeline';
import { useHistory } from './use-history';
import './detail.css';

/** `/integrations/:id`: one integration's status, timeline, latency, results, dependencies and incidents. */
export default function IntegrationDetailPage({ id }: { id: string }) {
  const { t, locale } = useT();
  const state = useLiveState();
  const [range, setRange] = useState<Range>('1h');
  const now = useNow(10_000) + state.serverOffsetMs;
  const history = useHistory(id, range, now);
  const { snapshot } = state;

  if (!snapshot) return <p className="page__muted">{state.connection === 'offline' ? t('wall.unreachable') : t('wall.waiting')}</p>;
  const integration = snapshot.integrations.find((i) => i.id === id);
  if (!integration) {
    return (
      <>
        <h1>{t('app.notFound')}</h1>
        <p>{t('detail.unknownId', { id })}</p>
        <Link href="/">{t('nav.wall')}</Link>
      </>
    );
  }

  const tz = snapshot.site.timezone;
  const current = isCurrent(state);
  const since = Date.parse(integration.since);
  const latency = formatLatency(integration.latencyMs, locale);
  const attribution = integration.attribution;
  const viaName = attribution?.via ? (snapshot.integrations.find((i) => i.id === attribution.via)?.name ?? attribution.via) : '';
  // The window the answer covers, from the server: stable between fetches, so the chart is not redrawn for nothing.
  const from = history.data ? Date.parse(history.data.from) : history.from;
  const to = history.data ? Date.parse(history.data.to) : now;
  return (
    <div className={`detail${current ? '' : ' detail--not-current'}`} data-current={current}>
      <header className={`detail__head card status--${integration.status}`}>
        <h1>{integration.name}</h1>
        <p className="detail__facts">
          <span>{t(`detail.side.${integration.side}`)}</span>
          {integration.partner && <span>{integration.partner}</span>}
          <span>{t('detail.criticalityLabel', { value: t(`detail.criticality.${integration.criticality}`) })}</span>
          {integration.role === 'canary' && <span>{t('detail.canary')}</span>}
        </p>
        {!current && (
          <p className="notice" role="alert">
            {t('stale.title', { time: formatTimeOfDay((state.lastUpdateAt ?? 0) + state.serverOffsetMs, tz) })}
          </p>
        )}
        <p className="detail__status" data-testid="detail-status" data-status={integration.status}>
          <StatusBadge status={integration.status} size="lg" />
          {Number.isFinite(since) && <span>{formatHeldFor(now - since, t)}</span>}
          {latency && (
            <span>
              {t('detail.latency')}: {latency}
            </span>
          )}
          {integration.lastCheckedAt && <span className="page__muted">{t('detail.lastChecked', { time: formatSiteTime(Date.parse(integration.lastCheckedAt), tz, locale, now, true) })}</span>}
        </p>
        {attribution && <p className="detail__attribution">{t(`detail.attribution.${attribution.cause}`, { via: viaName })}</p>}
        {integration.status !== 'operational' && integration.reasons.length > 0 && (
          <ul className="detail__reasons" aria-label={t('detail.why')} lang="en">
            {integration.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        )}
      </header>

      <div className="detail__range" role="group" aria-label={t('detail.range')}>
        {(Object.keys(RANGES) as Range[]).map((r) => (
          <button key={r} type="button" className="button" aria-pressed={r === range} onClick={() => setRange(r)}>
            {t(`detail.ranges.${r}`)}
          </button>
        ))}
        {history.loading && <span className="page__muted">{t('app.loading')}</span>}
      </div>
      {history.error && !history.data && (
        <p className="notice notice--error" role="alert">
          {t('app.loadFailed', { message: history.error.message })}{' '}
          <button type="button" className="button" onClick={history.refetch}>
            {t('app.retry')}
          </button>
        </p>
      )}

      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t('detail.timeline')}</h2>
        {history.data && <StatusTimeline transitions={history.data.transitions} from={from} to={to} current={integration.status} timeZone={tz} />}
      </section>
      <section aria-labelledby="chart-heading">
        <h2 id="chart-heading">{t('detail.chart')}</h2>
        {history.data && <LatencyChart results={history.data.results} timeZone={tz} from={from} to={to} />}
      </section>
      <section aria-labelledby="results-heading">
        <h2 id="results-heading">{t('detail.results')}</h2>
        {history.data && <ResultsTable results={history.data.results} timeZone={tz} now={now} />}
      </section>
      <section aria-labelledby="deps-heading">
        <h2 id="deps-heading">{t('detail.dependencies')}</h2>
        <Dependencies integration={integration} all={snapshot.integrations} />
      </section>
      <section aria-labelledby="incidents-heading">
        <h2 id="incidents-heading">{t('detail.incidents')}</h2>
        <IntegrationIncidents id={id} timeZone={tz} now={now} />
      </section>
    </div>
  );
}
