import type { Snapshot } from '@lifeline/shared';
import { useQuery } from '../../api/use-query';
import { API } from '../../api/types';
import type { CatalogIntegration } from '../../api/types';
import { useT } from '../../i18n/use-t';
import { isCurrent } from '../../live/live-state';
import { useLiveState } from '../../live/use-live-state';
import { formatTimeOfDay } from '../../ui/format';
import { StatusIcon } from '../../ui/StatusIcon';
import { useNow } from '../../ui/use-now';
import { clinicianSources, hospitalState } from './clinician-sources';
import { SourceCard } from './SourceCard';
import './clinician.css';

const REFRESH_MS = 15_000;

/** `/clinician`: the outside data sources in clinicians' words, for a phone or a ward PC. */
export default function ClinicianPage() {
  const { t } = useT();
  const state = useLiveState();
  const catalog = useQuery<CatalogIntegration[]>(API.integrations);
  const now = useNow(REFRESH_MS) + state.serverOffsetMs;
  const { snapshot } = state;

  if (!snapshot) {
    return (
      <>
        <h1>{t('clinician.title')}</h1>
        <p className="page__muted">{state.connection === 'offline' ? t('wall.unreachable') : t('wall.waiting')}</p>
      </>
    );
  }

  const current = isCurrent(state);
  const timeZone = snapshot.site.timezone;
  const sources = clinicianSources(snapshot.integrations, catalog.data, now);
  const lastUpdate = (state.lastUpdateAt ?? 0) + state.serverOffsetMs;
  return (
    <div className={`clinician${current ? '' : ' clinician--not-current'}`} data-current={current}>
      <h1>{t('clinician.title')}</h1>
      <p className="page__muted">{t('clinician.intro')}</p>
      {!current && (
        <p className="notice" role="alert" data-testid="not-current">
          {t('clinician.notCurrent', { time: formatTimeOfDay(lastUpdate, timeZone, false) })}
        </p>
      )}
      <div className="clinician__summary">
        <HospitalLine snapshot={snapshot} current={current} />
        <OutsideLine snapshot={snapshot} />
      </div>
      <h2 className="visually-hidden">{t('clinician.list')}</h2>
      {sources.length === 0 ? (
        <p className="page__muted">{t('clinician.empty')}</p>
      ) : (
        <ul className="sources" aria-label={t('clinician.list')}>
          {sources.map((s) => (
            <li key={s.id}>
              <SourceCard source={s} timeZone={timeZone} now={now} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function HospitalLine({ snapshot, current }: { snapshot: Snapshot; current: boolean }) {
  const { t } = useT();
  const h = hospitalState(snapshot.integrations);
  const status = h.kind === 'normal' ? 'operational' : h.kind === 'problems' ? 'down' : h.kind;
  const text = h.kind === 'normal' ? t('clinician.hospital.normal') : t(`clinician.hospital.${h.kind}`, { names: h.names.join(', ') });
  return (
    <p className={`clinician__hospital status--${status}`} data-testid="hospital-line" data-state={h.kind}>
      <StatusIcon status={status} />
      <span>
        {!current && <strong>{t('wall.lastKnown')}</strong>}
        {text}
      </span>
    </p>
  );
}

function OutsideLine({ snapshot }: { snapshot: Snapshot }) {
  const { t } = useT();
  const { cause, external } = snapshot.verdict;
  const key = cause === 'none' ? (external === 'operational' ? 'normal' : null) : cause;
  if (!key) return null;
  return (
    <p className="clinician__outside" data-testid="outside-line" data-cause={cause}>
      {t(`clinician.outside.${key}`)}
    </p>
  );
}
