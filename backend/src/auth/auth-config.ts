import { randomBytes } from 'node:crypto';
import { parseRoleMap, type RoleMap } from './oidc-role-map.js';

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  redirectUri: string;
  /** The claim (ID token or userinfo) whose values map to roles, e.g. `groups`. */
  roleClaim: string;
  roleMap: RoleMap;
  scopes: string;
}

/** Sign-in, sessions and hardening settings, from the environment. */
export interface AuthConfig {
  /** Both set: this admin is created (or its password and role restored) at every start. */
  adminEmail?: string;
  adminPassword?: string;
  /** Anonymous visitors are viewers. On by default in the demo only; refused with a catalog. */
  demoOpenView: boolean;
  sessionTtlMs: number;
  /** Always mark cookies Secure (behind a TLS-terminating proxy); they are anyway on https requests. */
  cookieSecure: boolean;
  /** Signs the short-lived OIDC state cookie; random per process unless COOKIE_SECRET is set. */
  cookieSecret: string;
  /** Other origins (scheme://host:port) allowed for CORS and the live socket; none by default. */
  allowedOrigins: string[];
  /** Express `trust proxy` (e.g. `1`, `loopback`): where client IPs and https come from behind a proxy. */
  trustProxy?: string;
  /** Bearer token the Prometheus scraper may use for `/metrics`. */
  metricsToken?: string;
  /** Sign-in attempts per client IP per minute before 429. */
  loginPerMinute: number;
  /** Consecutive wrong passwords before the account is locked… */
  lockoutAfter: number;
  /** …for this long. */
  lockoutMs: number;
  /** Base URL people reach Lifeline at (for the setup link); default http://<HOST or localhost>:<PORT>. */
  publicUrl?: string;
  oidc?: OidcConfig;
}

const TRUE = /^(1|true|yes|on)$/i;
const FALSE = /^(0|false|no|off)$/i;

function origin(value: string, name: string, fail: (message: string) => never): string {
  try {
    const u = new URL(value);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
    return u.origin;
  } catch {
    return fail(`${name}: expected origins like https://wall.example.org, got "${value}"`);
  }
}

/**
 * Reads the auth settings. `demo` is true when no CATALOG_FILE is set: only then may anonymous
 * visitors look at the wall. `fail` throws the caller's configuration error.
 */
export function authConfigFromEnv(env: NodeJS.ProcessEnv, demo: boolean, fail: (message: string) => never): AuthConfig {
  const int = (name: string, fallback: number, min: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) fail(`${name}: expected a whole number ≥ ${min}, got "${raw}"`);
    return n;
  };
  const flag = (name: string): boolean | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    if (TRUE.test(raw)) return true;
    if (FALSE.test(raw)) return false;
    return fail(`${name}: expected 1 or 0, got "${raw}"`);
  };

  const adminEmail = env.ADMIN_EMAIL?.trim().toLowerCase() || undefined;
  const adminPassword = env.ADMIN_PASSWORD || undefined;
  if (!!adminEmail !== !!adminPassword) fail('ADMIN_EMAIL and ADMIN_PASSWORD go together: set both or neither');
  if (adminEmail && !/^[^\s@]+@[^\s@]+$/.test(adminEmail)) fail('ADMIN_EMAIL: expected an e-mail address');
  if (adminPassword && adminPassword.length < 12) fail('ADMIN_PASSWORD: expected at least 12 characters');

  const open = flag('DEMO_OPEN_VIEW');
  if (open && !demo) fail('DEMO_OPEN_VIEW: anonymous viewing is for the demo only; with a CATALOG_FILE, wall screens use kiosk tokens');

  const allowedOrigins = (env.ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((o) => origin(o, 'ALLOWED_ORIGINS', fail));
  const publicUrl = env.PUBLIC_URL ? origin(env.PUBLIC_URL, 'PUBLIC_URL', fail) : undefined;

  const cookieSecret = env.COOKIE_SECRET || randomBytes(32).toString('base64url');
  if (env.COOKIE_SECRET && env.COOKIE_SECRET.length < 32) fail('COOKIE_SECRET: expected at least 32 characters');
  const metricsToken = env.METRICS_TOKEN || undefined;
  if (metricsToken && metricsToken.length < 24) fail('METRICS_TOKEN: expected at least 24 characters');

  return {
    adminEmail,
    adminPassword,
    demoOpenView: open ?? demo,
    sessionTtlMs: int('SESSION_HOURS', 12, 1) * 3_600_000,
    cookieSecure: flag('COOKIE_SECURE') ?? false,
    cookieSecret,
    allowedOrigins,
    trustProxy: env.TRUST_PROXY || undefined,
    metricsToken,
    loginPerMinute: int('LOGIN_PER_MINUTE', 20, 1),
    lockoutAfter: int('LOCKOUT_AFTER', 5, 1),
    lockoutMs: int('LOCKOUT_MINUTES', 15, 1) * 60_000,
    publicUrl,
    oidc: oidcFromEnv(env, fail),
  };
}

function oidcFromEnv(env: NodeJS.ProcessEnv, fail: (message: string) => never): OidcConfig | undefined {
  if (!env.OIDC_ISSUER) {
    const stray = ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI', 'OIDC_ROLE_CLAIM', 'OIDC_ROLE_MAP'].filter((n) => env[n]);
    if (stray.length) fail(`${stray.join(', ')} set without OIDC_ISSUER`);
    return undefined;
  }
  const missing = ['OIDC_CLIENT_ID', 'OIDC_REDIRECT_URI', 'OIDC_ROLE_MAP'].filter((n) => !env[n]);
  if (missing.length) fail(`OIDC_ISSUER is set, so ${missing.join(', ')} must be too`);
  let issuer: URL;
  let redirect: URL;
  try {
    issuer = new URL(env.OIDC_ISSUER);
    redirect = new URL(env.OIDC_REDIRECT_URI!);
  } catch {
    return fail('OIDC_ISSUER and OIDC_REDIRECT_URI: expected absolute URLs');
  }
  const loopback = (u: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
  if (issuer.protocol !== 'https:' && !loopback(issuer)) fail('OIDC_ISSUER: expected an https:// URL');
  if (!redirect.pathname.endsWith('/api/auth/oidc/callback')) fail('OIDC_REDIRECT_URI: expected <Lifeline URL>/api/auth/oidc/callback');
  const roleMap = parseRoleMap(env.OIDC_ROLE_MAP!);
  if (typeof roleMap === 'string') fail(`OIDC_ROLE_MAP: ${roleMap}`);
  return {
    // As given: the issuer identifier is compared exactly with the provider's (a trailing slash matters).
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID!,
    clientSecret: env.OIDC_CLIENT_SECRET || undefined,
    redirectUri: redirect.href,
    roleClaim: env.OIDC_ROLE_CLAIM || 'groups',
    roleMap: roleMap as RoleMap,
    scopes: env.OIDC_SCOPES || 'openid email profile',
  };
}
