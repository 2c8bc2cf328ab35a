import type { Role } from './roles.js';

/** A signed-in person, through a session (password, setup link or OIDC). */
export interface UserPrincipal {
  kind: 'user';
  role: Role;
  userId: string;
  email: string;
  displayName: string;
  sessionId: string;
  /** Epoch ms. */
  sessionExpiresAt: number;
}

/** A wall screen holding a kiosk token: always a viewer. */
export interface KioskPrincipal {
  kind: 'kiosk';
  role: 'viewer';
  tokenId: string;
  name: string;
}

/** Nobody signed in, let in as a viewer because the demo's open view is on. */
export interface AnonymousPrincipal {
  kind: 'anonymous';
  role: 'viewer';
}

/** The Prometheus scraper holding `METRICS_TOKEN`: may read `/metrics`, nothing else. */
export interface MetricsPrincipal {
  kind: 'metrics';
}

export type Principal = UserPrincipal | KioskPrincipal | AnonymousPrincipal | MetricsPrincipal;

/** The role a principal acts with; the metrics scraper has none. */
export function roleOf(p: Principal | undefined): Role | undefined {
  return p && p.kind !== 'metrics' ? p.role : undefined;
}

/** Operators and admins see probe targets and raw error details; viewers and kiosks a projection. */
export function seesInternals(p: Principal | undefined): boolean {
  const role = roleOf(p);
  return role === 'operator' || role === 'admin';
}

/** How an action's author is recorded (acknowledgements, notes, maintenance): `Ann Peeters <ann@uzgent.be>`. */
export function actorName(p: UserPrincipal): string {
  return `${p.displayName} <${p.email}>`;
}
