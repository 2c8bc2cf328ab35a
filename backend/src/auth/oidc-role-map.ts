import { higherRole, isRole, type Role } from './roles.js';

/** `lifeline-admins=admin,lifeline-ops=operator,*=viewer`, parsed: claim value → role, and the role for anyone else. */
export interface RoleMap {
  entries: Array<{ value: string; role: Role }>;
  /** From `*=role`; without it, a directory user matching no entry may not sign in. */
  fallback?: Role;
}

/** Parses OIDC_ROLE_MAP; returns the problem in words when it cannot. */
export function parseRoleMap(text: string): RoleMap | string {
  const map: RoleMap = { entries: [] };
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.lastIndexOf('=');
    const value = eq > 0 ? part.slice(0, eq).trim() : '';
    const role = eq > 0 ? part.slice(eq + 1).trim() : '';
    if (!value || !isRole(role)) return `"${part}": expected claim-value=role with a role of viewer, operator or admin`;
    if (value === '*') map.fallback = role;
    else map.entries.push({ value, role });
  }
  if (map.entries.length === 0 && !map.fallback) return 'expected at least one claim-value=role';
  return map;
}

/**
 * The role for a set of claims: the highest role among the claim's values that the map names,
 * else the fallback, else none (sign-in refused). The claim may be a string, a list of strings,
 * or a space- or comma-separated string.
 */
export function roleFromClaims(claims: Record<string, unknown>, claimName: string, map: RoleMap): Role | undefined {
  const raw = claims[claimName];
  const values = Array.isArray(raw)
    ? raw.filter((v): v is string => typeof v === 'string')
    : typeof raw === 'string'
      ? raw.split(/[\s,]+/).filter(Boolean)
      : [];
  let role: Role | undefined;
  for (const e of map.entries) if (values.includes(e.value)) role = role ? higherRole(role, e.role) : e.role;
  return role ?? map.fallback;
}
