import { useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError } from '../../api/api-client';
import type { AuthOptions } from '../../api/auth-types';
import { problemText } from '../../api/problem-text';
import { API } from '../../api/types';
import { useApi, useQuery } from '../../api/use-query';
import { useT } from '../../i18n/use-t';
import type { T } from '../../i18n/use-t';
import './login.i18n';

export interface LoginPageProps {
  /** Where to go once signed in: a full page load, so the live connection reconnects as the signed-in person. */
  goTo?: (url: string) => void;
}

/** Only paths of this site are followed after sign-in (no open redirect). */
export function nextPath(search: string): string {
  const next = new URLSearchParams(search).get('next') ?? '/incidents';
  return next.startsWith('/') && !next.startsWith('//') ? next : '/incidents';
}

/** The reasons the backend sends people back here with (`/login?error=…`): kiosk entry and directory sign-in. */
export const LOGIN_ERRORS = ['kiosk-token', 'no-role', 'no-email', 'email-in-use', 'disabled', 'expired', 'directory-refused', 'failed'] as const;

/** Why `?error=` sent someone here, in words; null without one. */
export function loginErrorText(search: string, t: T): string | null {
  const code = new URLSearchParams(search).get('error');
  if (code === null) return null;
  if (code === 'kiosk-token') return t('auth.kioskToken');
  return (LOGIN_ERRORS as readonly string[]).includes(code) ? t(`login.errors.${code}`) : t('login.errors.unknown');
}

/**
 * `/login`: e-mail and password (`POST /api/auth/login`), or the organisation's directory when
 * `GET /api/auth/options` says it is configured; the session cookie does the rest.
 */
export default function LoginPage({ goTo = (url) => location.assign(url) }: LoginPageProps) {
  const { t } = useT();
  const { client } = useApi();
  const options = useQuery<AuthOptions>(API.authOptions).data;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** How long the server asked us to wait (429 Retry-After), and whether that is over. */
  const [wait, setWait] = useState<{ seconds: number; over: boolean } | null>(null);
  const reason = loginErrorText(location.search, t);
  const waitOver = useCallback(() => setWait((w) => (w ? { ...w, over: true } : w)), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setWait(null);
    try {
      await client.post(API.login, { email: email.trim(), password });
      goTo(nextPath(location.search));
    } catch (err) {
      if (err instanceof ApiError && err.statusCode === 429) setWait({ seconds: err.retryAfterS ?? 60, over: false });
      else setError(t('auth.failed', { message: problemText(err) }));
      setBusy(false);
    }
  }

  return (
    <div className="login">
      <h1>{t('auth.title')}</h1>
      {reason && (
        <p className="notice" role="alert" data-testid="login-reason">
          {reason}
        </p>
      )}
      {options?.setupPending && <p className="notice">{t('login.setupPending')}</p>}
      {options?.oidc && (
        <p className="login__organisation">
          {/* A full navigation: the server redirects on to the directory. */}
          <a className="button login__oidc" href={API.oidcLogin}>
            {t('login.organisation')}
          </a>
          <span className="login__or">{t('login.or')}</span>
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
        <button type="submit" className="button" disabled={busy || (wait !== null && !wait.over)}>
          {busy ? t('auth.signingIn') : t('auth.signIn')}
        </button>
        {wait && <Wait seconds={wait.seconds} over={wait.over} onOver={waitOver} />}
        {error && (
          <p className="notice notice--error" role="alert">
            {error}
          </p>
        )}
      </form>
    </div>
  );
}

/** "Too many sign-in attempts. Try again in 42 s." (said once), then "You can try again now." with the button back. */
function Wait({ seconds, over, onOver }: { seconds: number; over: boolean; onOver: () => void }) {
  const { t } = useT();
  useEffect(() => {
    if (over) return;
    const timer = setTimeout(onOver, seconds * 1000);
    return () => clearTimeout(timer);
  }, [seconds, over, onOver]);
  return over ? (
    <p className="notice" role="status" data-testid="login-wait">
      {t('login.tryNow')}
    </p>
  ) : (
    <p className="notice notice--error" role="alert" data-testid="login-wait">
      {t('login.tooMany', { seconds })}
    </p>
  );
}
