/** Who may do what: each role can do everything the roles before it can. */
import { USER_ROLES, type UserRole } from '@lifeline/shared';

export const ROLES = USER_ROLES;
export type Role = UserRole;

/**
 * The access rule every route declares with `@Access(...)`:
 * - `public`: anyone, signed in or not (the handler decides what an anonymous caller sees);
 * - `viewer` | `operator` | `admin`: at least that role;
 * - `heartbeat-key`: no session; the route checks the push key of its own integration;
 * - `metrics`: an admin, or the scraper's `METRICS_TOKEN`.
 */
export const ACCESS_LEVELS = ['public', 'viewer', 'operator', 'admin', 'heartbeat-key', 'metrics'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** True when `role` is at least `needed`. */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

/** The higher of two roles. */
export function higherRole(a: Role, b: Role): Role {
  return RANK[a] >= RANK[b] ? a : b;
}
