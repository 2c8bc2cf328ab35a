import type { UserView } from '@lifeline/shared';
import type { Role } from './roles.js';
import type { UserRow } from './user.repository.js';


export function toUserView(u: UserRow): UserView {
  const locked = u.locked_until && u.locked_until.getTime() > Date.now() ? u.locked_until.toISOString() : null;
  return {
    id: u.id,
    email: u.email,
    displayName: u.display_name,
    role: u.role,
    disabled: u.disabled,
    signIn: [...(u.password_hash ? (['password'] as const) : []), ...(u.oidc_subject ? (['oidc'] as const) : [])],
    lockedUntil: locked,
    createdAt: u.created_at.toISOString(),
  };
}

export type { UserView };
