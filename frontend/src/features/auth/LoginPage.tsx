import { useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError } from '../../api/api-client';
import { useApi } from '../../api/use-query';
import { useT } from '../../i18n/use-t';

export interface LoginPageProps {
  /** Where to go once signed in: a full page load, so the live connection reconnects as the signed-in person. */
  goTo?: (url: string) => void;
}

/** Only paths of this site are followed after sign-in (no open redirect). */
export function nextPath(search: string): string {
  const next = new URLSearchParams(search).get('next') ?? '/incidents';
  return next.startsWith('/') && !next.startsWith('//') ? next : '/incidents';
}

/** `/login`: e-mail and password (`POST /api/auth/login`); the session cookie does the rest. */
export default function LoginPage({ goTo = (url) => location.assign(url) }: LoginPageProps) {
  const { t } = useT();
  const { client } = useApi();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const kioskRefused = new URLSearchParams(location.search).get('error') === 'kiosk-token';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await client.post('/api/auth/login', { email: email.trim(), password });
      goTo(nextPath(location.search));
    } catch (err) {
      const e = err as Error;
      setError(t('auth.failed', { message: err instanceof ApiError && err.errors.length ? err.errors.map((f) => `${f.path}: ${f.message}`).join('; ') : e.message }));
      setBusy(false);
    }
  }

  return (
    <div className="login">
      <h1>{t('auth.title')}</h1>
      {kioskRefused && (
        <p className="notice" role="alert">
          {t('auth.kioskToken')}
        </p>
      )}
      <form className="login__form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="login-email">{t('auth.email')}</label>
          <input id="login-email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="login-password">{t('auth.password')}</label>
          <input id="login-password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('auth.signingIn') : t('auth.signIn')}
        </button>
        {error && (
          <p className="notice notice--error" role="alert">
            {error}
          </p>
        )}
      </form>
    </div>
  );
}
