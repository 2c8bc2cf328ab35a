import { useState } from 'react';
import { useIncidents } from '../../api/use-incidents';
import { isOperator, useSession } from '../../api/use-session';
import { API } from '../../api/types';
import type { CatalogIntegration } from '../../api/types';
import { useQuery } from '../../api/use-query';
import { useT } from '../../i18n/use-t';
import { useLiveState } from '../../live/use-live-state';
import { Link } from '../../ui/Link';
import { useNow } from '../../ui/use-now';
import { epochToZonedLocal, lastIncident, startOfDay, windowFor } from './audit-window';
import type { WindowChoice } from './audit-window';
import { ChainCheck } from './ChainCheck';
import { ExportDownloads } from './ExportDownloads';
import type { SaveFile } from './ExportDownloads';
import { WindowPicker } from './WindowPicker';
import './audit.i18n';
import './audit.css';

const LOCAL_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
const HOUR = 3_600_000;

export interface AuditPageProps {
  /** For tests: what to do with a downloaded export (the browser saves it). */
  save?: SaveFile;
}

/** `/audit`: export a window of the audit log (operators), and verify its chain (anyone). */
export default function AuditPage({ save }: AuditPageProps) {
  const { t } = useT();
  const session = useSession();
  const { snapshot, serverOffsetMs } = useLiveState();
  const now = useNow(30_000) + serverOffsetMs;
  const timeZone = snapshot?.site.timezone ?? LOCAL_ZONE;
  const operator = isOperator(session);
  const incidents = useIncidents();
  const catalog = useQuery<CatalogIntegration[]>(operator ? API.integrations : null);
  const incident = lastIncident(incidents.data);

  const [picked, setPicked] = useState<WindowChoice | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [integration, setIntegration] = useState('');
  // Until someone picks, the last incident when there is one, else today.
  const choice = picked ?? (incident ? 'incident' : 'today');
  const todayFrom = startOfDay(now, timeZone);
  const chosen = windowFor(choice, { incident, now, timeZone, from, to });
  const pick = (c: WindowChoice) => {
    setPicked(c);
    // A custom window starts as the last 24 hours, in the site's time.
    if (c === 'custom' && !from && !to) {
      setFrom(epochToZonedLocal(now - 24 * HOUR, timeZone));
      setTo(epochToZonedLocal(now, timeZone));
    }
  };
  const integrations = (catalog.data ?? snapshot?.integrations ?? []).map((i) => ({ id: i.id, name: i.name })).sort((a, b) => a.name.localeCompare(b.name));

  return (
    <div className="audit">
      <h1>{t('audit.title')}</h1>
      <p className="audit__intro">{t('audit.intro')}</p>
      {session && !operator && (
        <p className="notice" data-testid="operator-needed">
          {t('audit.operatorNeeded')} <Link href="/login?next=%2Faudit">{t('audit.signInAsOperator')}</Link>
        </p>
      )}
      {operator && (
        <section aria-labelledby="export-heading" className="audit-export">
          <h2 id="export-heading">{t('audit.export')}</h2>
          <WindowPicker
            choice={choice}
            onChoice={pick}
            incident={incident}
            todayFrom={todayFrom}
            now={now}
            timeZone={timeZone}
            from={from}
            to={to}
            onFrom={setFrom}
            onTo={setTo}
            integrations={integrations}
            integration={integration}
            onIntegration={setIntegration}
            nameOf={(id) => integrations.find((i) => i.id === id)?.name}
          />
          {'window' in chosen ? (
            <>
              <p className="page__muted" data-testid="window-sent">
                {t('audit.sent', { from: chosen.window.from, to: chosen.window.to ?? t('audit.now') })}
              </p>
              <ExportDownloads window={chosen.window} integration={integration || undefined} save={save} />
            </>
          ) : (
            <p className="notice" role="status" data-testid="window-problem">
              {t(`audit.problem.${chosen.problem}`)}
            </p>
          )}
        </section>
      )}
      <ChainCheck />
    </div>
  );
}
