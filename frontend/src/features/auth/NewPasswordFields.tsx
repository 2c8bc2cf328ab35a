import { PASSWORD_MAX, PASSWORD_MIN } from '../../api/auth-types';
import { useT } from '../../i18n/use-t';
import { TextField } from '../../ui/TextField';
import './account.i18n';

export interface NewPasswordFieldsProps {
  /** Prefix of the two inputs' ids: `<id>-password`, `<id>-confirm`. */
  id: string;
  password: string;
  confirm: string;
  onPassword: (value: string) => void;
  onConfirm: (value: string) => void;
  /** What is wrong with each, in words (see `passwordProblemText`). */
  errors: { password?: string; confirm?: string };
  /** "Password" (default) or "New password". */
  label?: string;
  required?: boolean;
}

/** A new password typed twice, with the length rule as a hint and each problem under its field. */
export function NewPasswordFields({ id, password, confirm, onPassword, onConfirm, errors, label, required = true }: NewPasswordFieldsProps) {
  const { t } = useT();
  return (
    <>
      <TextField
        id={`${id}-password`}
        label={label ?? t('account.password')}
        type="password"
        autoComplete="new-password"
        required={required}
        maxLength={PASSWORD_MAX}
        value={password}
        onChange={(e) => onPassword(e.target.value)}
        hint={t('account.passwordHint', { min: PASSWORD_MIN })}
        error={errors.password}
      />
      <TextField
        id={`${id}-confirm`}
        label={t('account.confirm')}
        type="password"
        autoComplete="new-password"
        required={required}
        maxLength={PASSWORD_MAX}
        value={confirm}
        onChange={(e) => onConfirm(e.target.value)}
        error={errors.confirm}
      />
    </>
  );
}
