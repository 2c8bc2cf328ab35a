import { lazy, Suspense, useEffect, useRef } from 'react';
import { WallPage } from '../features/wall/WallPage';
import { useT } from '../i18n/use-t';
import { Link } from '../ui/Link';
import { NavBar } from './NavBar';
import { isKiosk, matchRoute, useLocation } from './router';
import type { Route } from './router';
import './app.css';

// Views other than the wall load on demand, so the TV's first paint carries none of them (nor uPlot).
const ClinicianPage = lazy(() => import('../features/clinician/ClinicianPage'));
const IncidentsPage = lazy(() => import('../features/incidents/IncidentsPage'));
const IntegrationDetailPage = lazy(() => import('../features/integration-detail/IntegrationDetailPage'));
const LoginPage = lazy(() => import('../features/auth/LoginPage'));
const SetupPage = lazy(() => import('../features/auth/SetupPage'));
const AuditPage = lazy(() => import('../features/audit/AuditPage'));
const UsersPage = lazy(() => import('../features/admin/UsersPage'));
const KioskTokensPage = lazy(() => import('../features/admin/KioskTokensPage'));

export interface AppProps {
  /** For tests: the path and query to show instead of the browser's. */
  path?: string;
  search?: string;
}

export function App({ path, search }: AppProps) {
  const location = useLocation();
  const p = path ?? location.path;
  const q = search ?? (path === undefined ? location.search : '');
  const route = matchRoute(p);
  const kiosk = isKiosk(p, q);
  const { t } = useT();

  useEffect(() => {
    document.title = `${t('app.product')} — ${titleOf(route, t)}`;
  }, [route, t]);

  // After following a link (not on the first load), focus moves to the new view for keyboard and screen-reader users.
  const firstPath = useRef(p);
  useEffect(() => {
    if (p !== firstPath.current) document.getElementById('main')?.focus();
  }, [p]);

  if (route.name === 'wall' && kiosk) return <WallPage kiosk />;
  return (
    <div className={`app${kiosk ? ' app--kiosk' : ''}`}>
      {!kiosk && <NavBar route={route.name} />}
      {route.name === 'wall' ? (
        <WallPage kiosk={false} />
      ) : (
        <main id="main" className="page" tabIndex={-1}>
          <Suspense fallback={<p className="page__loading">{t('app.loading')}</p>}>
            <View route={route} path={p} />
          </Suspense>
        </main>
      )}
    </div>
  );
}

function View({ route, path }: { route: Route; path: string }) {
  const { t } = useT();
  switch (route.name) {
    case 'clinician':
      return <ClinicianPage />;
    case 'incidents':
      return <IncidentsPage />;
    case 'integration':
      return <IntegrationDetailPage id={route.id} />;
    case 'login':
      return <LoginPage />;
    case 'setup':
      return <SetupPage />;
    case 'audit':
      return <AuditPage />;
    case 'users':
      return <UsersPage />;
    case 'kiosk-tokens':
      return <KioskTokensPage />;
    default:
      return (
        <>
          <h1>{t('app.notFound')}</h1>
          <p>
            {t('app.nothingAt')} <code>{path}</code>. {t('app.wallAt')} <Link href="/wall">/wall</Link>.
          </p>
        </>
      );
  }
}

function titleOf(route: Route, t: ReturnType<typeof useT>['t']): string {
  switch (route.name) {
    case 'wall':
      return t('nav.wall');
    case 'clinician':
      return t('clinician.title');
    case 'incidents':
      return t('incidents.title');
    case 'integration':
      return route.id;
    case 'login':
      return t('auth.signIn');
    case 'setup':
      return t('nav.setup');
    case 'audit':
      return t('nav.audit');
    case 'users':
      return t('nav.users');
    case 'kiosk-tokens':
      return t('nav.kioskTokens');
    default:
      return t('app.notFound');
  }
}
