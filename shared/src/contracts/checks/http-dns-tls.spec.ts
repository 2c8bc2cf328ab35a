import { describe, expect, it } from 'vitest';
import { validateCatalog } from '../catalog.js';
import { checkSchema } from './index.js';

/** The errors a one-check catalog gets for its check, by path. */
function errorsFor(check: Record<string, unknown>): string[] {
  const result = validateCatalog({
    site: { name: 'Test' },
    integrations: [{ id: 'partner', name: 'Partner', side: 'external', category: 'lab', partner: 'Partner', checks: [check] }],
  });
  return result.ok ? [] : result.errors.map((e) => `${e.path}: ${e.message}`).filter((e) => e.includes('checks[0]'));
}

describe('http check fields', () => {
  it('has defaults for method, status, body cap and redirects', () => {
    expect(checkSchema.parse({ kind: 'http', url: 'https://partner.example/health' })).toMatchObject({
      method: 'GET',
      expectStatus: '200-399',
      maxBodyBytes: 1024 * 1024,
      maxRedirects: 0,
    });
  });

  it.each([
    [{ equals: 'ok' }, 'checks[0].equals: equals needs a jsonPath'],
    [{ clientCertFile: '/etc/c.crt' }, 'checks[0].clientKeyFile: clientCertFile and clientKeyFile go together'],
    [{ clientKeyPassphraseEnv: 'KEY_PASS' }, 'checks[0].clientKeyPassphraseEnv: clientKeyPassphraseEnv needs a clientKeyFile'],
    [{ expectStatus: '399-200' }, 'checks[0].expectStatus'],
    [{ headersEnv: { Authorization: 'not an env name' } }, 'checks[0].headersEnv.Authorization: expected an environment variable name'],
    [{ maxRedirects: -1 }, 'checks[0].maxRedirects'],
  ])('refuses %j, naming the field', (fields, expected) => {
    const errors = errorsFor({ kind: 'http', url: 'https://partner.example/health', ...fields });
    expect(errors.some((e) => e.includes(expected)), errors.join('\n')).toBe(true);
  });
});

describe('dns check fields', () => {
  it('defaults to type A and the system resolver', () => {
    expect(checkSchema.parse({ kind: 'dns', name: 'fhir.partner.test' })).toEqual({ kind: 'dns', name: 'fhir.partner.test', type: 'A' });
  });

  it.each(['10.0.0.53', '10.0.0.53:5353', '::1', '[::1]:5353'])('takes server %s', (server) => {
    expect(errorsFor({ kind: 'dns', name: 'x.test', server })).toEqual([]);
  });

  it.each([
    [{ server: 'dns.example.org' }, 'checks[0].server: expected an IP address'],
    [{ type: 'SOA' }, 'checks[0].type: expected one of'],
    [{ expect: [] }, 'checks[0].expect'],
  ])('refuses %j', (fields, expected) => {
    const errors = errorsFor({ kind: 'dns', name: 'x.test', ...fields });
    expect(errors.some((e) => e.includes(expected)), errors.join('\n')).toBe(true);
  });
});

describe('tls check fields', () => {
  it('defaults to port 443 and 14 warning days', () => {
    expect(checkSchema.parse({ kind: 'tls', host: 'insurer.partner.test' })).toMatchObject({ port: 443, warnDays: 14 });
  });

  it('refuses a negative warnDays', () => {
    expect(errorsFor({ kind: 'tls', host: 'x.test', warnDays: -1 }).some((e) => e.startsWith('integrations[0].checks[0].warnDays'))).toBe(true);
  });
});
