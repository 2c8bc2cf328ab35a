import { PASSWORD_MAX, PASSWORD_MIN } from '../../api/auth-types';
import type { T } from '../../i18n/use-t';

export type PasswordProblem = { password?: 'required' | 'tooShort'; confirm?: 'mismatch' };

/** The backend's rule (≥ 12 characters), checked before sending; `optional`: empty is fine. */
export function passwordProblems(password: string, confirm: string, optional = false): PasswordProblem {
  if (!password && !confirm && optional) return {};
  if (!password) return { password: 'required' };
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) return { password: 'tooShort' };
  return password === confirm ? {} : { confirm: 'mismatch' };
}

/** The problems in words (the `account` section): `{password: 'The password needs at least 12 characters.'}`. */
export function passwordProblemText(problems: PasswordProblem, t: T): { password?: string; confirm?: string } {
  const say = (key: string | undefined) => (key ? t(`account.${key}`, { min: PASSWORD_MIN }) : undefined);
  return { password: say(problems.password), confirm: say(problems.confirm) };
}
