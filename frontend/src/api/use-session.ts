import { ApiError } from './api-client';
import { useQuery } from './use-query';

export const ME = '/api/auth/me';

/**
 * Who is using this browser, as far as acting on incidents goes:
 * - `no-auth`: the backend has no sign-in (no `/api/auth/me`): people type their name, sent as `by`;
 * - `user`: signed in; the backend records who acts, and `canAct` says whether the role may;
 * - `visitor`: signed out, the demo's anonymous viewer, or a wall screen's kiosk token.
 */
export type Session = { kind: 'no-auth' } | { kind: 'user'; name: string; role: string; canAct: boolean } | { kind: 'visitor' };

interface Me {
  kind: 'user' | 'kiosk' | 'anonymous';
  role: string;
  user?: { displayName?: string; email: string };
}

export function sessionOf(data: Me | undefined, error: Error | undefined): Session | undefined {
  if (data?.kind === 'user' && data.user) {
    return { kind: 'user', name: data.user.displayName || data.user.email, role: data.role, canAct: data.role === 'operator' || data.role === 'admin' };
  }
  if (data) return { kind: 'visitor' };
  if (error instanceof ApiError && error.statusCode === 404) return { kind: 'no-auth' };
  if (error instanceof ApiError && (error.statusCode === 401 || error.statusCode === 403)) return { kind: 'visitor' };
  return undefined; // still asking, or the server could not say
}

export function useSession(): Session | undefined {
  const { data, error } = useQuery<Me>(ME);
  return sessionOf(data, error);
}

/** May manage people and wall screens. */
export function isAdmin(session: Session | undefined): boolean {
  return session?.kind === 'user' && session.role === 'admin';
}

/** May act as an operator: acknowledge, write notes, export the audit log (anyone, on a backend without sign-in). */
export function isOperator(session: Session | undefined): boolean {
  return session?.kind === 'no-auth' || (session?.kind === 'user' && session.canAct);
}
