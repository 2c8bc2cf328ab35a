import { validateCatalog, type Catalog } from '@lifeline/shared';
import { describe, expect, it } from 'vitest';
import { hostAllowed, parseTargetAllowlist, targetsOutside, type TargetAllowlist } from './target-allowlist.js';

const allow = (...entries: string[]) => {
  const list = parseTargetAllowlist(entries);
  if (Array.isArray(list)) throw new Error(list.join('; '));
  return list as TargetAllowlist;
};

describe('target allowlist', () => {
  const list = allow('mllp.synlab.example', '*.cozo.example', '10.20.0.0/16', '192.168.1.7', 'fd00::/8');

  it.each([
    ['mllp.synlab.example', true],
    ['MLLP.Synlab.Example.', true],
    ['other.synlab.example', false],
    ['hub.cozo.example', true],
    ['a.b.cozo.example', true],
    ['cozo.example', false],
    ['evilcozo.example', false],
    ['10.20.3.4', true],
    ['10.21.0.1', false],
    ['192.168.1.7', true],
    ['192.168.1.8', false],
    ['[fd00::12]', true],
    ['fd00::12', true],
    ['2001:db8::1', false],
    ['localhost', false],
  ])('%s → %s', (host, ok) => {
    expect(hostAllowed(host, list)).toBe(ok);
  });

  it.each([['10.0.0.0/33'], ['10.0.0.0/x'], ['not a host!'], ['*.'], ['http://x.example']])('refuses the entry %s', (entry) => {
    expect(Array.isArray(parseTargetAllowlist([entry]))).toBe(true);
  });

  it('lists every check outside, by path and field', () => {
    const result = validateCatalog({
      site: { name: 'T' },
      integrations: [
        { id: 'ok', name: 'Ok', side: 'external', category: 'lab', partner: 'P', checks: [{ kind: 'tcp', host: '10.20.1.1', port: 1 }] },
        {
          id: 'bad',
          name: 'Bad',
          side: 'external',
          category: 'lab',
          partner: 'P',
          checks: [
            { kind: 'http', url: 'https://evil.example/health' },
            { kind: 'dns', name: 'x.example', server: '8.8.8.8:53' },
            { kind: 'fhir', baseUrl: 'https://hub.cozo.example/fhir' },
          ],
        },
      ],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(targetsOutside(result.catalog as Catalog, list)).toEqual([
      { path: 'integrations[1].checks[0].url', message: 'target evil.example is not in TARGET_ALLOWLIST' },
      { path: 'integrations[1].checks[1].server', message: 'target 8.8.8.8 is not in TARGET_ALLOWLIST' },
    ]);
  });
});
