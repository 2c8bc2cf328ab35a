import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { ROLES } from '../../api/auth-types';
import type { Role, UpdateUser, UserView } from '../../api/auth-types';
import { problemText } from '../../api/problem-text';
import { API } from '../../api/types';
import { useAction } from '../../api/use-action';
import { useApi } from '../../api/use-query';
import { useT } from '../../i18n/use-t';
import { formatSiteTime } from '../../ui/format';
import { NewPasswordFields } from '../auth/NewPasswordFields';
import { passwordProblems, passwordProblemText } from '../auth/password-rules';
import '../auth/account.i18n';

export interface UserRowProps {
  user: UserView;
  timeZone: string;
  /** The server's answer to a change: the person as they are now. */
  onChanged: (user: UserView, what: string) => void;
}

/** One person: role (a select that saves on change), enable/disable, and a password reset form under the row. */
export function UserRow({ user, timeZone, onChanged }: UserRowProps) {
  const { t, locale } = useT();
  const { client } = useApi();
  const { busy, error, run } = useAction();
  const [resetting, setResetting] = useState(false);
  const resetButton = useRef<HTMLButtonElement>(null);
  const name = user.displayName || user.email;

  async function change(body: UpdateUser): Promise<boolean> {
    const done = await run(() => client.patch<UserView>(API.user(user.id), body));
    if (done.ok) onChanged(done.value, t('admin.users.changed', { name }));
    return done.ok;
  }
  function closeReset() {
    setResetting(false);
    resetButton.current?.focus();
  }

  const status = user.disabled
    ? t('admin.users.disabled')
    : user.lockedUntil
      ? t('admin.users.lockedUntil', { time: formatSiteTime(Date.parse(user.lockedUntil), timeZone, locale, Date.now()) })
      : t('admin.users.active');
  return (
    <>
      <tr className={user.disabled ? 'admin-row--disabled' : undefined} data-testid={`user-${user.email}`}>
        <td>{user.displayName}</td>
        <td>{user.email}</td>
        <td>
          <select aria-label={t('admin.users.roleOf', { name })} value={user.role} disabled={busy} onChange={(e) => void change({ role: e.target.value as Role })}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`account.roles.${r}`)}
              </option>
            ))}
          </select>
        </td>
        <td>{user.signIn.map((s) => t(`admin.users.signInWith.${s}`)).join(', ')}</td>
        <td>{status}</td>
        <td>
          <div className="admin-row__actions">
            <button
              type="button"
              className={`button${user.disabled ? '' : ' button--danger'}`}
              disabled={busy}
              aria-label={t(user.disabled ? 'admin.users.enableWho' : 'admin.users.disableWho', { name })}
              onClick={() => void change({ disabled: !user.disabled })}
            >
              {t(user.disabled ? 'admin.users.enable' : 'admin.users.disable')}
            </button>
            <button ref={resetButton} type="button" className="button" aria-expanded={resetting} aria-label={t('admin.users.resetWho', { name })} onClick={() => setResetting(!resetting)}>
              {t('admin.users.reset')}
            </button>
          </div>
          {error !== null && !resetting && (
            <p className="field__error" role="alert">
              {t('admin.failed', { message: problemText(error) })}
            </p>
          )}
        </td>
      </tr>
      {resetting && (
        <tr>
          <td colSpan={6}>
            <ResetPassword name={name} busy={busy} error={error} onCancel={closeReset} onSave={async (password) => (await change({ password })) && closeReset()} />
          </td>
        </tr>
      )}
    </>
  );
}

interface ResetPasswordProps {
  name: string;
  busy: boolean;
  error: unknown;
  onSave: (password: string) => void;
  onCancel: () => void;
}

function ResetPassword({ name, busy, error, onSave, onCancel }: ResetPasswordProps) {
  const { t } = useT();
  const id = useId();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problems, setProblems] = useState<{ password?: string; confirm?: string }>({});
  useEffect(() => document.getElementById(`${id}-password`)?.focus(), [id]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = passwordProblemText(passwordProblems(password, confirm), t);
    setProblems(found);
    if (found.password || found.confirm) return document.getElementById(`${id}-${found.password ? 'password' : 'confirm'}`)?.focus();
    onSave(password);
  }
  return (
    <form className="admin-form admin-reset" onSubmit={submit} noValidate aria-label={t('admin.users.resetWho', { name })}>
      <NewPasswordFields id={id} label={t('admin.users.resetFor', { name })} password={password} confirm={confirm} onPassword={setPassword} onConfirm={setConfirm} errors={problems} />
      <div className="admin-form__actions">
        <button type="submit" className="button" disabled={busy}>
          {t('admin.users.setPassword')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('admin.cancel')}
        </button>
      </div>
      {error !== null && (
        <p className="field__error" role="alert">
          {t('admin.failed', { message: problemText(error) })}
        </p>
      )}
    </form>
  );
}
