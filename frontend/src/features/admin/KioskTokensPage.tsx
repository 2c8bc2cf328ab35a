import { useState } from 'react';
import type { FormEvent } from 'react';
import type { CreatedKioskToken, KioskTokenView } from '../../api/auth-types';
import { problemText } from '../../api/problem-text';
import { API } from '../../api/types';
import { useAction } from '../../api/use-action';
import { useApi, useQuery } from '../../api/use-query';
import { useT } from '../../i18n/use-t';
import { useLiveState } from '../../live/use-live-state';
import { TextField } from '../../ui/TextField';
import { useNow } from '../../ui/use-now';
import '../auth/account.i18n';
import { AdminGate } from './AdminGate';
import { KioskTokenOnce } from './KioskTokenOnce';
import { KioskTokenRow } from './KioskTokenRow';

const LOCAL_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

export interface KioskTokensPageProps {
  /** For tests: how to put text on the clipboard. */
  copy?: (text: string) => Promise<void>;
}

/** `/admin/kiosk-tokens`: wall screens' tokens: create one (its link shown once), list, revoke. Admins only. */
export default function KioskTokensPage({ copy }: KioskTokensPageProps) {
  const { t } = useT();
  return (
    <AdminGate title={t('nav.kioskTokens')} next="/admin/kiosk-tokens">
      <KioskTokens copy={copy} />
    </AdminGate>
  );
}

function KioskTokens({ copy }: KioskTokensPageProps) {
  const { t } = useT();
  const { client, cache } = useApi();
  const { snapshot, serverOffsetMs } = useLiveState();
  const now = useNow(30_000) + serverOffsetMs;
  const timeZone = snapshot?.site.timezone ?? LOCAL_ZONE;
  const { data, error, refetch } = useQuery<KioskTokenView[]>(API.kioskTokens);
  const [name, setName] = useState('');
  const [nameProblem, setNameProblem] = useState<string>();
  const [created, setCreated] = useState<CreatedKioskToken | null>(null);
  const [said, setSaid] = useState('');
  const create = useAction();
  // Active screens first, then the revoked ones; newest first in each.
  const tokens = [...(data ?? [])].sort((a, b) => Number(!!a.revokedAt) - Number(!!b.revokedAt) || b.createdAt.localeCompare(a.createdAt));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setNameProblem(name.trim() ? undefined : t('account.required'));
    if (!name.trim()) return document.getElementById('kiosk-name')?.focus();
    const done = await create.run(() => client.post<CreatedKioskToken>(API.kioskTokens, { name: name.trim() }));
    if (!done.ok) return;
    const { token: _secret, url: _url, ...view } = done.value;
    cache.set<KioskTokenView[]>(API.kioskTokens, (list) => [view, ...(list ?? [])]);
    setCreated(done.value);
    setName('');
    setSaid('');
  }
  function revoked(token: KioskTokenView) {
    const revokedAt = new Date(Date.now() + serverOffsetMs).toISOString(); // about the server's time of it
    cache.set<KioskTokenView[]>(API.kioskTokens, (list) => list?.map((k) => (k.id === token.id ? { ...k, revokedAt } : k)));
    cache.invalidate(API.kioskTokens); // and the server's own word on it (its time, when it was last used)
    setSaid(t('admin.kiosk.revoked', { name: token.name }));
  }
  function done() {
    setCreated(null); // the token is forgotten here too
    document.getElementById('kiosk-name')?.focus();
  }

  return (
    <>
      <p className="admin__intro">{t('admin.kiosk.intro')}</p>
      {created && <KioskTokenOnce created={created} onDone={done} copy={copy} />}
      <section aria-labelledby="add-kiosk-heading">
        <h2 id="add-kiosk-heading">{t('admin.kiosk.add')}</h2>
        <form className="admin-form" onSubmit={submit} noValidate aria-labelledby="add-kiosk-heading">
          <TextField id="kiosk-name" label={t('admin.kiosk.name')} hint={t('admin.kiosk.nameHint')} required maxLength={100} autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} error={nameProblem} />
          <div className="admin-form__actions">
            <button type="submit" className="button" disabled={create.busy}>
              {create.busy ? t('admin.kiosk.creating') : t('admin.kiosk.create')}
            </button>
            {create.error !== null && (
              <p className="field__error" role="alert">
                {t('admin.failed', { message: problemText(create.error) })}
              </p>
            )}
          </div>
        </form>
      </section>
      <section aria-labelledby="kiosk-list-heading">
        <h2 id="kiosk-list-heading">{t('admin.kiosk.list')}</h2>
        <p className="status-text--ok" role="status" data-testid="admin-said">
          {said}
        </p>
        {error && !data && (
          <p className="notice notice--error" role="alert">
            {t('app.loadFailed', { message: error.message })}{' '}
            <button type="button" className="button" onClick={refetch}>
              {t('app.retry')}
            </button>
          </p>
        )}
        {!data && !error && <p className="page__muted">{t('app.loading')}</p>}
        {data && tokens.length === 0 && <p className="page__muted">{t('admin.kiosk.empty')}</p>}
        {tokens.length > 0 && (
          <div className="table-scroll">
            <table className="data-table admin-table">
              <thead>
                <tr>
                  <th scope="col">{t('admin.kiosk.name')}</th>
                  <th scope="col">{t('admin.kiosk.createdBy')}</th>
                  <th scope="col">{t('admin.kiosk.createdAt')}</th>
                  <th scope="col">{t('admin.kiosk.lastUsed')}</th>
                  <th scope="col">{t('admin.kiosk.status')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('admin.users.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((token) => (
                  <KioskTokenRow key={token.id} token={token} timeZone={timeZone} now={now} onRevoked={revoked} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
