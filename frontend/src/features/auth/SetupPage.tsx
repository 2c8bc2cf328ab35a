import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError } from '../../api/api-client';
import type { SignedIn } from '../../api/auth-types';
import { problemText } from '../../api/problem-text';
import { API } from '../../api/types';
import { useAction } from '../../api/use-action';
import { useApi } from '../../api/use-query';
import { useT } from '../../i18n/use-t';
import type { T } from '../../i18n/use-t';
import { Link } from '../../ui/Link';
import { TextField } from '../../ui/TextField';
import { NewPasswordFields } from './NewPasswordFields';
import { passwordProblems, passwordProblemText } from './password-rules';
import './account.i18n';

export interface SetupPageProps {
  /** Where to go once set up: a full page load, so the live connection reconnects as the new admin. */
  goTo?: (url: string) => void;
}

const FIELDS = ['email', 'displayName', 'password', 'confirm'] as const;
type Problems = Partial<Record<(typeof FIELDS)[number], string>>;

/** `/setup?token=…`: the first administrator, from the one-time link printed at start (`POST /api/auth/setup`). */
export default function SetupPage({ goTo = (url) => location.assign(url) }: SetupPageProps) {
  const { t } = useT();
  const { client } = useApi();
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const { busy, error, run } = useAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Problems = {
      email: email.trim() ? undefined : t('account.required'),
      displayName: displayName.trim() ? undefined : t('account.required'),
      ...passwordProblemText(passwordProblems(password, confirm), t),
    };
    setProblems(found);
    const first = FIELDS.find((f) => found[f]);
    if (first) return document.getElementById(`setup-${first}`)?.focus();
    const done = await run(() => client.post<SignedIn>(API.setup, { token, email: email.trim(), password, displayName: displayName.trim() }));
    if (done.ok) goTo('/');
  }
  // What went wrong takes the focus, so it is read out and the way on (sign in) is one Tab away.
  useEffect(() => {
    if (error !== null) document.getElementById('setup-problem')?.focus();
  }, [error]);

  // The server names refused fields by path: shown under them as well.
  const serverSays = (path: string) => (error instanceof ApiError ? error.errors.filter((e) => e.path === path).map((e) => e.message).join('; ') || undefined : undefined);
  const errorOf = (field: (typeof FIELDS)[number]) => problems[field] ?? serverSays(field);
  const refused = error instanceof ApiError && (error.statusCode === 401 || error.statusCode === 409);
  return (
    <div className="login setup">
      <h1>{t('account.setup.title')}</h1>
      <p>{t('account.setup.intro')}</p>
      {!token && (
        <p className="notice" role="alert">
          {t('account.setup.noToken')}
        </p>
      )}
      <form className="login__form" onSubmit={submit} noValidate>
        <TextField id="setup-email" label={t('account.email')} type="email" autoComplete="username" required maxLength={254} value={email} onChange={(e) => setEmail(e.target.value)} error={errorOf('email')} />
        <TextField
          id="setup-displayName"
          label={t('account.displayName')}
          autoComplete="name"
          required
          maxLength={100}
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          hint={t('account.displayNameHint')}
          error={errorOf('displayName')}
        />
        <NewPasswordFields id="setup" password={password} confirm={confirm} onPassword={setPassword} onConfirm={setConfirm} errors={{ password: errorOf('password'), confirm: errorOf('confirm') }} />
        <button type="submit" className="button" disabled={busy || !token}>
          {busy ? t('account.setup.busy') : t('account.setup.submit')}
        </button>
        {error !== null && (
          <p className="notice notice--error" role="alert" id="setup-problem" tabIndex={-1} data-testid="setup-problem">
            {setupProblem(error, t)}
            {refused && (
              <>
                {' '}
                <Link href="/login">{t('auth.signIn')}</Link>
              </>
            )}
          </p>
        )}
      </form>
    </div>
  );
}

function setupProblem(error: unknown, t: T): string {
  const status = error instanceof ApiError ? error.statusCode : undefined;
  if (status === 401) return t('account.setup.used');
  if (status === 409) return t('account.setup.exists');
  if (status === 429) return t('account.tooMany', { seconds: (error as ApiError).retryAfterS ?? 60 });
  return t('account.setup.failed', { message: problemText(error) });
}
