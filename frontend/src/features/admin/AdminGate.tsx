import type { ReactNode } from 'react';
import { isAdmin, useSession } from '../../api/use-session';
import { useT } from '../../i18n/use-t';
import { Link } from '../../ui/Link';
import './admin.i18n';
import './admin.css';

/** The page's title, then its content for administrators only; others are told who may, and where to sign in. */
export function AdminGate({ title, next, children }: { title: string; next: string; children: ReactNode }) {
  const { t } = useT();
  const session = useSession();
  return (
    <div className="admin">
      <h1>{title}</h1>
      {session === undefined && <p className="page__muted">{t('app.loading')}</p>}
      {session !== undefined && !isAdmin(session) && (
        <p className="notice" data-testid="admin-only">
          {t('admin.onlyAdmins')} <Link href={`/login?next=${encodeURIComponent(next)}`}>{t('admin.signInAsAdmin')}</Link>
        </p>
      )}
      {isAdmin(session) && children}
    </div>
  );
}
