import { useState } from 'react';
import type { UserView } from '../../api/auth-types';
import { API } from '../../api/types';
import { useApi, useQuery } from '../../api/use-query';
import { useT } from '../../i18n/use-t';
import { useLiveState } from '../../live/use-live-state';
import { AdminGate } from './AdminGate';
import { CreateUserForm } from './CreateUserForm';
import { UserRow } from './UserRow';

const LOCAL_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** `/admin/users`: people, their roles and status; add someone; reset a password. Admins only. */
export default function UsersPage() {
  const { t } = useT();
  return (
    <AdminGate title={t('nav.users')} next="/admin/users">
      <People />
    </AdminGate>
  );
}

function People() {
  const { t } = useT();
  const { cache } = useApi();
  const { snapshot } = useLiveState();
  const { data, error, refetch } = useQuery<UserView[]>(API.users);
  const [said, setSaid] = useState('');
  const timeZone = snapshot?.site.timezone ?? LOCAL_ZONE;
  const people = [...(data ?? [])].sort((a, b) => (a.displayName || a.email).localeCompare(b.displayName || b.email));

  const changed = (user: UserView, what: string) => {
    cache.set<UserView[]>(API.users, (list) => list?.map((u) => (u.id === user.id ? user : u)));
    setSaid(what);
  };
  const created = (user: UserView) => {
    cache.set<UserView[]>(API.users, (list) => [...(list ?? []).filter((u) => u.id !== user.id), user]);
    setSaid(t('admin.users.added', { name: user.displayName || user.email }));
  };

  return (
    <>
      <p className="admin__intro">{t('admin.users.intro')}</p>
      <p className="status-text--ok" role="status" data-testid="admin-said">
        {said}
      </p>
      <section aria-labelledby="people-heading">
        <h2 id="people-heading">{t('admin.users.list')}</h2>
        {error && !data && (
          <p className="notice notice--error" role="alert">
            {t('app.loadFailed', { message: error.message })}{' '}
            <button type="button" className="button" onClick={refetch}>
              {t('app.retry')}
            </button>
          </p>
        )}
        {!data && !error && <p className="page__muted">{t('app.loading')}</p>}
        {data && people.length === 0 && <p className="page__muted">{t('admin.users.empty')}</p>}
        {people.length > 0 && (
          <div className="table-scroll">
            <table className="data-table admin-table">
              <thead>
                <tr>
                  <th scope="col">{t('admin.users.name')}</th>
                  <th scope="col">{t('admin.users.email')}</th>
                  <th scope="col">{t('admin.users.role')}</th>
                  <th scope="col">{t('admin.users.signIn')}</th>
                  <th scope="col">{t('admin.users.status')}</th>
                  <th scope="col">{t('admin.users.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {people.map((user) => (
                  <UserRow key={user.id} user={user} timeZone={timeZone} onChanged={changed} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="add-user-heading">
        <h2 id="add-user-heading">{t('admin.users.add')}</h2>
        <CreateUserForm onCreated={created} />
      </section>
    </>
  );
}
