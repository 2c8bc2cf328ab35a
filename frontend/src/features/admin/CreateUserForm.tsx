import { useState } from 'react';
import type { FormEvent } from 'react';
import { ROLES } from '../../api/auth-types';
import type { CreateUser, Role, UserView } from '../../api/auth-types';
import { problemText } from '../../api/problem-text';
import { API } from '../../api/types';
import { useAction } from '../../api/use-action';
import { useApi } from '../../api/use-query';
import { useT } from '../../i18n/use-t';
import { TextField } from '../../ui/TextField';
import { NewPasswordFields } from '../auth/NewPasswordFields';
import { passwordProblems, passwordProblemText } from '../auth/password-rules';
import '../auth/account.i18n';

const FIELDS = ['email', 'displayName', 'password', 'confirm'] as const;
type Problems = Partial<Record<(typeof FIELDS)[number], string>>;

/** `POST /api/users` `{email, displayName, role, password?}`: no password, directory sign-in only. */
export function CreateUserForm({ onCreated }: { onCreated: (user: UserView) => void }) {
  const { t } = useT();
  const { client } = useApi();
  const { busy, error, run } = useAction();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problems, setProblems] = useState<Problems>({});

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Problems = {
      email: email.trim() ? undefined : t('account.required'),
      displayName: displayName.trim() ? undefined : t('account.required'),
      ...passwordProblemText(passwordProblems(password, confirm, true), t),
    };
    setProblems(found);
    const first = FIELDS.find((f) => found[f]);
    if (first) return document.getElementById(`new-user-${first}`)?.focus();
    const body: CreateUser = { email: email.trim(), displayName: displayName.trim(), role, ...(password ? { password } : {}) };
    const done = await run(() => client.post<UserView>(API.users, body));
    if (!done.ok) return;
    onCreated(done.value);
    setEmail('');
    setDisplayName('');
    setPassword('');
    setConfirm('');
    document.getElementById('new-user-email')?.focus();
  }

  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-labelledby="add-user-heading">
      <TextField id="new-user-email" label={t('account.email')} type="email" autoComplete="off" required maxLength={254} value={email} onChange={(e) => setEmail(e.target.value)} error={problems.email} />
      <TextField id="new-user-displayName" label={t('account.displayName')} autoComplete="off" required maxLength={100} value={displayName} onChange={(e) => setDisplayName(e.target.value)} hint={t('account.displayNameHint')} error={problems.displayName} />
      <div className="field">
        <label htmlFor="new-user-role">{t('account.role')}</label>
        <select id="new-user-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`account.roles.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <NewPasswordFields id="new-user" password={password} confirm={confirm} onPassword={setPassword} onConfirm={setConfirm} errors={problems} required={false} />
      <p className="field__hint admin-form__actions">{t('admin.users.passwordOptional')}</p>
      <div className="admin-form__actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('admin.users.adding') : t('admin.users.addSubmit')}
        </button>
        {error !== null && (
          <p className="field__error" role="alert">
            {t('admin.failed', { message: problemText(error) })}
          </p>
        )}
      </div>
    </form>
  );
}
