import { isAdmin, useSession } from '../api/use-session';
import { SessionControl } from '../features/auth/SessionControl';
import { useLiveState } from '../live/use-live-state';
import { useT } from '../i18n/use-t';
import { ConnectionIndicator } from '../ui/ConnectionIndicator';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { Link } from '../ui/Link';
import type { Route } from './router';

const ITEMS = [
  { href: '/', key: 'nav.wall', route: 'wall' },
  { href: '/clinician', key: 'nav.clinician', route: 'clinician' },
  { href: '/incidents', key: 'nav.incidents', route: 'incidents' },
  { href: '/audit', key: 'nav.audit', route: 'audit' },
] as const;

/** Only administrators see these. */
const ADMIN_ITEMS = [
  { href: '/admin/users', key: 'nav.users', route: 'users' },
  { href: '/admin/kiosk-tokens', key: 'nav.kioskTokens', route: 'kiosk-tokens' },
] as const;

/** The small bar on every view but the kiosk wall: where to go, the language, and whether it is live (the wall says that itself). */
export function NavBar({ route }: { route: Route['name'] }) {
  const { t } = useT();
  const { connection, snapshot } = useLiveState();
  const session = useSession();
  return (
    <header className="nav-bar">
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <span className="nav-bar__product">
        {t('app.product')}
        {snapshot && <span className="nav-bar__site"> · {snapshot.site.name}</span>}
      </span>
      <nav aria-label={t('nav.label')}>
        <ul className="nav-bar__links">
          {[...ITEMS, ...(isAdmin(session) ? ADMIN_ITEMS : [])].map((item) => (
            <li key={item.href}>
              <Link href={item.href} aria-current={item.route === route ? 'page' : undefined}>
                {t(item.key)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <span className="nav-bar__end">
        {route !== 'wall' && <ConnectionIndicator state={connection} compact />}
        <SessionControl session={session} next={route === 'login' || route === 'setup' ? '/incidents' : location.pathname} />
        <LanguageSwitch />
      </span>
    </header>
  );
}
