import type { Principal } from './principal.js';
import { roleAtLeast, type AccessLevel } from './roles.js';

/**
 * Whether a principal passes a route's access rule. `public` and `heartbeat-key` routes let
 * everyone through (the latter checks its own key); `metrics` takes an admin or the scraper.
 */
export function permits(level: AccessLevel, p: Principal | undefined): boolean {
  switch (level) {
    case 'public':
    case 'heartbeat-key':
      return true;
    case 'metrics':
      return p?.kind === 'metrics' || (p !== undefined && p.role === 'admin');
    default:
      return p !== undefined && p.kind !== 'metrics' && roleAtLeast(p.role, level);
  }
}

/** Routes that need no principal to run. */
export function isOpen(level: AccessLevel): boolean {
  return level === 'public' || level === 'heartbeat-key';
}
