/** The sign-in and administration API (backend/src/auth), as both sides see it. */

/** Who may do what: each role can do everything the roles before it can. */
export const USER_ROLES = ['viewer', 'operator', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** The password rule; the server enforces it, the sign-in pages say it up front. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

/** `GET /api/auth/options`: what the sign-in page should offer. */
export interface AuthOptions {
  password: boolean;
  oidc: boolean;
  setupPending: boolean;
  demoOpenView: boolean;
}

/** A person as `GET /api/users` shows them (never a password hash). */
export interface UserView {
  id: string;
  email: string;
  displayName: string;
  role: UserRole;
  disabled: boolean;
  signIn: Array<'password' | 'oidc'>;
  lockedUntil: string | null;
  createdAt: string;
}

/** `POST /api/users`; no password: directory (OIDC) sign-in only. */
export interface CreateUser {
  email: string;
  displayName: string;
  role: UserRole;
  password?: string;
}

/** `PATCH /api/users/:id`: at least one field. */
export type UpdateUser = Partial<Pick<UserView, 'displayName' | 'role' | 'disabled'> & { password: string }>;

/** A wall screen's token as `GET /api/kiosk-tokens` lists it. */
export interface KioskTokenView {
  id: string;
  name: string;
  createdBy: string | null;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** `POST /api/kiosk-tokens`: the token and the screen's address, in this answer only. */
export interface CreatedKioskToken extends KioskTokenView {
  token: string;
  url: string;
}

/** `POST /api/auth/login` and `POST /api/auth/setup`. */
export interface SignedIn {
  token: string;
  expiresAt: string;
  user: UserView;
}
