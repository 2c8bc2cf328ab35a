import { describe, expect, it } from 'vitest';
import { configFromEnv, ConfigError } from '../config/app-config.js';

describe('auth configuration', () => {
  it('the demo is open to look at by default; a catalog is not', () => {
    expect(configFromEnv({}).auth.demoOpenView).toBe(true);
    expect(configFromEnv({ DEMO_OPEN_VIEW: '0' }).auth.demoOpenView).toBe(false);
    expect(configFromEnv({ CATALOG_FILE: '/etc/lifeline/catalog.yaml' }).auth.demoOpenView).toBe(false);
  });

  it.each([
    [{ CATALOG_FILE: '/c.yaml', DEMO_OPEN_VIEW: '1' }, /DEMO_OPEN_VIEW: anonymous viewing is for the demo only/],
    [{ ADMIN_EMAIL: 'a@b.example' }, /ADMIN_EMAIL and ADMIN_PASSWORD go together/],
    [{ ADMIN_EMAIL: 'a@b.example', ADMIN_PASSWORD: 'short' }, /ADMIN_PASSWORD: expected at least 12 characters/],
    [{ ALLOWED_ORIGINS: 'wall.example' }, /ALLOWED_ORIGINS: expected origins/],
    [{ OIDC_ISSUER: 'https://login.example' }, /OIDC_CLIENT_ID, OIDC_REDIRECT_URI, OIDC_ROLE_MAP must be too/],
    [{ OIDC_ISSUER: 'http://login.example', OIDC_CLIENT_ID: 'x', OIDC_REDIRECT_URI: 'https://l.example/api/auth/oidc/callback', OIDC_ROLE_MAP: '*=viewer' }, /OIDC_ISSUER: expected an https/],
    [{ OIDC_ISSUER: 'https://login.example', OIDC_CLIENT_ID: 'x', OIDC_REDIRECT_URI: 'https://l.example/api/auth/oidc/callback', OIDC_ROLE_MAP: 'admins=root' }, /OIDC_ROLE_MAP: "admins=root"/],
    [{ OIDC_CLIENT_ID: 'x' }, /OIDC_CLIENT_ID set without OIDC_ISSUER/],
    [{ METRICS_TOKEN: 'short' }, /METRICS_TOKEN: expected at least 24/],
    [{ COOKIE_SECURE: 'maybe' }, /COOKIE_SECURE: expected 1 or 0/],
  ])('refuses %j', (env, message) => {
    expect(() => configFromEnv(env as NodeJS.ProcessEnv)).toThrow(ConfigError);
    expect(() => configFromEnv(env as NodeJS.ProcessEnv)).toThrow(message);
  });

  it('reads the rest', () => {
    const { auth } = configFromEnv({
      ADMIN_EMAIL: ' Admin@Hospital.Example ',
      ADMIN_PASSWORD: 'long enough password',
      ALLOWED_ORIGINS: 'https://wall.example/, http://10.0.0.5:8080',
      COOKIE_SECURE: '1',
      SESSION_HOURS: '8',
      OIDC_ISSUER: 'https://login.example/realms/uz',
      OIDC_CLIENT_ID: 'lifeline',
      OIDC_REDIRECT_URI: 'https://lifeline.example/api/auth/oidc/callback',
      OIDC_ROLE_MAP: 'lifeline-admins=admin,*=viewer',
    });
    expect(auth).toMatchObject({
      adminEmail: 'admin@hospital.example',
      allowedOrigins: ['https://wall.example', 'http://10.0.0.5:8080'],
      cookieSecure: true,
      sessionTtlMs: 8 * 3_600_000,
      oidc: { issuer: 'https://login.example/realms/uz', roleClaim: 'groups', roleMap: { entries: [{ value: 'lifeline-admins', role: 'admin' }], fallback: 'viewer' } },
    });
  });
});
