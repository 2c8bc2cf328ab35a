import type { Session } from '../../api/use-session';
import { useApi } from '../../api/use-query';
import { useT } from '../../i18n/use-t';
import { Link } from '../../ui/Link';

/** "Signed in as An · Sign out", or a "Sign in" link once the backend has sign-in; nothing without. */
export function SessionControl({ session, next, goTo = (url) => location.assign(url) }: { session: Session | undefined; next: string; goTo?: (url: string) => void }) {
  const { t } = useT();
  const { client } = useApi();
  if (!session || session.kind === 'no-auth') return null;
  if (session.kind === 'visitor') {
    return (
      <Link className="session__link" href={`/login?next=${encodeURIComponent(next)}`}>
        {t('auth.signIn')}
      </Link>
    );
  }
  async function signOut() {
    await client.post('/api/auth/logout', {}).catch(() => undefined);
    goTo('/');
  }
  return (
    <span className="session">
      <span className="session__name">{t('auth.signedInAs', { name: session.name })}</span>
      <button type="button" className="session__sign-out" onClick={() => void signOut()}>
        {t('auth.signOut')}
      </button>
    </span>
  );
}
