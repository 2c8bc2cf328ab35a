import { useEffect } from 'react';
import { useIncidents } from '../../api/use-incidents';
import { useSession } from '../../api/use-session';
import type { Session } from '../../api/use-session';
import { useT } from '../../i18n/use-t';
import { useLiveState } from '../../live/use-live-state';
import { Link } from '../../ui/Link';
import { useNow } from '../../ui/use-now';
import type { Actor } from './IncidentActions';
import { IncidentCard } from './IncidentCard';
import { useYourName } from './use-your-name';
import './incidents.css';

const LOCAL_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** `/incidents`: open and recent incidents, acknowledged and annotated by name. */
export default function IncidentsPage() {
  const { t } = useT();
  const { snapshot, serverOffsetMs } = useLiveState();
  const { data, error, refetch } = useIncidents();
  const [name, setName] = useYourName();
  const session = useSession();
  const actor = actorFor(session, name);
  const now = useNow(15_000) + serverOffsetMs;
  const timeZone = snapshot?.site.timezone ?? LOCAL_ZONE;
  const names = new Map(snapshot?.integrations.map((i) => [i.id, i.name]) ?? []);
  const nameOf = (id: string) => names.get(id);

  // A link to /incidents#<id> lands on that incident once the list is there.
  const loaded = data !== undefined;
  useEffect(() => {
    const id = decodeURIComponent(location.hash.slice(1));
    const el = id ? document.getElementById(id) : null;
    el?.scrollIntoView({ block: 'start' });
    el?.focus({ preventScroll: true });
  }, [loaded]);

  const newestFirst = [...(data ?? [])].sort((a, b) => b.openedAt.localeCompare(a.openedAt));
  const open = newestFirst.filter((i) => !i.resolvedAt);
  const recent = newestFirst.filter((i) => i.resolvedAt);
  const card = (i: (typeof newestFirst)[number]) => (
    <li key={i.id}>
      <IncidentCard incident={i} timeZone={timeZone} now={now} actor={actor} nameOf={nameOf} />
    </li>
  );
  return (
    <div className="incidents">
      <h1>{t('incidents.title')}</h1>
      {session?.kind === 'no-auth' && (
        <div className="field incidents__name">
          <label htmlFor="your-name">{t('incidents.yourName')}</label>
          <input id="your-name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" maxLength={100} aria-describedby="your-name-hint" />
          <span id="your-name-hint" className="field__hint">
            {t('incidents.yourNameHint')}
          </span>
        </div>
      )}
      {session?.kind === 'visitor' && (
        <p className="notice" data-testid="sign-in-needed">
          {t('auth.needed')} <Link href="/login?next=%2Fincidents">{t('auth.signIn')}</Link>
        </p>
      )}
      {session?.kind === 'user' && !session.canAct && <p className="notice">{t('auth.role', { role: session.role })}</p>}
      {error && !data && (
        <p className="notice notice--error" role="alert">
          {t('app.loadFailed', { message: error.message })}{' '}
          <button type="button" className="button" onClick={refetch}>
            {t('app.retry')}
          </button>
        </p>
      )}
      {!data && !error && <p className="page__muted">{t('app.loading')}</p>}
      {data && (
        <>
          <section aria-labelledby="open-heading" data-testid="open-incidents">
            <h2 id="open-heading">
              {t('incidents.open')} ({open.length})
            </h2>
            {open.length ? <ul className="incident-list">{open.map(card)}</ul> : <p className="page__muted">{t('incidents.noOpen')}</p>}
          </section>
          <section aria-labelledby="recent-heading" data-testid="recent-incidents">
            <h2 id="recent-heading">
              {t('incidents.recent')} ({recent.length})
            </h2>
            {recent.length ? <ul className="incident-list">{recent.map(card)}</ul> : <p className="page__muted">{t('incidents.noRecent')}</p>}
          </section>
        </>
      )}
    </div>
  );
}

/** Who acts on incidents here, or null when this person may not. */
function actorFor(session: Session | undefined, name: string): Actor | null {
  if (session?.kind === 'no-auth') return { by: name };
  if (session?.kind === 'user' && session.canAct) return {};
  return null;
}
