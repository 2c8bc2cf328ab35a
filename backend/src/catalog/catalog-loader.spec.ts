import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECK_KINDS, type FieldError } from '@lifeline/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogError, loadCatalogFile, parseCatalogYaml } from './catalog-loader.js';

/** DESIGN.md's example, with a tcp check where the design has hl7-mllp, and the two internal systems it names. */
const VALID = `
site: { name: UZ Gent, timezone: Europe/Brussels }
defaults: { interval: 30s, timeout: 10s }
integrations:
  - id: interface-engine
    name: Interface engine
    side: internal
    category: application
    checks:
      - { kind: tcp, host: engine.uzgent.local, port: 2575 }
  - id: egress-firewall
    name: Egress firewall
    side: internal
    category: network
    checks:
      - { kind: tcp, host: fw.uzgent.local, port: 443, interval: 1m }
  - id: synlab-results
    name: Synlab lab results
    side: external
    category: lab
    partner: Synlab
    criticality: critical
    dependsOn: [interface-engine, egress-firewall]
    clinician: { summary: Results of tests sent to Synlab, fallback: Phone the lab for urgent results }
    checks:
      - { kind: tcp, host: mllp.synlab.example, port: 6661, interval: 30s, timeout: 5s, degradedAboveMs: 1500 }
`;

/** What parseCatalogYaml threw, for asserting on. */
function refusal(text: string, origin = 'catalog.yaml'): CatalogError {
  try {
    parseCatalogYaml(text, origin);
  } catch (err) {
    if (err instanceof CatalogError) return err;
    throw err;
  }
  throw new Error('expected the catalog to be refused');
}

describe('parseCatalogYaml', () => {
  it('turns valid YAML into a resolved catalog', () => {
    const catalog = parseCatalogYaml(VALID, 'catalog.yaml');
    expect(catalog.site).toEqual({ name: 'UZ Gent', timezone: 'Europe/Brussels' });
    expect(catalog.integrations.map((i) => [i.id, i.dependsOn])).toEqual([
      ['interface-engine', []],
      ['egress-firewall', []],
      ['synlab-results', ['interface-engine', 'egress-firewall']],
    ]);
    expect(catalog.integrations.flatMap((i) => i.checks).map((c) => [c.id, c.interval, c.timeout, c.degradedAboveMs])).toEqual([
      ['interface-engine#0', 30_000, 10_000, undefined],
      ['egress-firewall#0', 60_000, 10_000, undefined],
      ['synlab-results#0', 30_000, 5_000, 1500],
    ]);
    expect(catalog.integrations[2].clinician).toEqual({ summary: 'Results of tests sent to Synlab', fallback: 'Phone the lab for urgent results' });
  });

  it.each<[string, string, FieldError[]]>([
    [
      'an unclosed flow map',
      'site: { name: UZ Gent\nintegrations: []\n',
      [{ path: 'line 2, column 1', message: 'Flow map in block collection must be sufficiently indented and end with a }' }],
    ],
    [
      'a key given twice',
      'site:\n  name: UZ Gent\n  name: AZ Sint-Jan\nintegrations: []\n',
      [{ path: 'line 3, column 3', message: 'Map keys must be unique' }],
    ],
    [
      'keys that do not line up',
      'site:\n  name: UZ Gent\n timezone: UTC\nintegrations: []\n',
      [{ path: 'line 3, column 1', message: 'All mapping items must start at the same column' }],
    ],
    ['a tab as indentation', 'site:\n\tname: UZ Gent\n', [{ path: 'line 2, column 1', message: 'Tabs are not allowed as indentation' }]],
    [
      'two problems in different places',
      'site: { name: UZ Gent\nintegrations:\n  - id: a\n    id: b\n',
      [
        { path: 'line 2, column 1', message: 'Flow map in block collection must be sufficiently indented and end with a }' },
        { path: 'line 4, column 5', message: 'Map keys must be unique' },
      ],
    ],
  ])('locates a YAML syntax error by line and column: %s', (_, text, errors) => {
    const err = refusal(text);
    expect(err.errors).toEqual(errors);
  });

  it('stops at YAML errors: the schema is not judged on a half-read document', () => {
    // The schema would also complain (no integrations), but only the syntax error is reported.
    expect(refusal('site: { name: UZ Gent\n').errors).toEqual([
      { path: 'line 2, column 1', message: 'Flow map in block collection must be sufficiently indented and end with a }' },
    ]);
  });

  it('lists every schema error at once, each with its path', () => {
    const text = VALID.replace('port: 6661', 'port: "6661"')
      .replace('port: 443, interval: 1m', 'port: 443, interval: 60')
      .replace('side: internal\n    category: application', 'side: inside\n    category: application')
      .replace('criticality: critical', 'criticality: critical\n    owner: lab team');
    const err = refusal(text);
    expect(err.errors).toEqual([
      { path: 'integrations[0].side', message: 'expected one of: internal, external' },
      { path: 'integrations[1].checks[0].interval', message: 'expected a duration such as 30s or 5m' },
      { path: 'integrations[2].checks[0].port', message: 'expected a number' },
      { path: 'integrations[2]', message: 'unknown field "owner"' },
    ]);
    expect(err.message).toBe(
      [
        'catalog catalog.yaml is invalid:',
        'integrations[0].side: expected one of: internal, external',
        'integrations[1].checks[0].interval: expected a duration such as 30s or 5m',
        'integrations[2].checks[0].port: expected a number',
        'integrations[2]: unknown field "owner"',
      ].join('\n'),
    );
  });

  it('reports cross-check errors too', () => {
    const text = VALID.replace('dependsOn: [interface-engine, egress-firewall]', 'dependsOn: [interface-engine, firewall]').replace(
      'timezone: Europe/Brussels',
      'timezone: Europe/Ghent',
    );
    expect(refusal(text).errors).toEqual([
      { path: 'site.timezone', message: 'unknown time zone "Europe/Ghent"' },
      { path: 'integrations[2].dependsOn[1]', message: 'unknown integration "firewall"' },
    ]);
  });

  it('names an unknown check kind with the kinds there are', () => {
    expect(refusal(VALID.replace('kind: tcp, host: mllp', 'kind: smtp, host: mllp')).errors).toEqual([
      { path: 'integrations[2].checks[0].kind', message: `unknown check kind; expected one of: ${CHECK_KINDS.join(', ')}` },
    ]);
  });

  it.each<[string, string, FieldError[]]>([
    ['an empty file', '', [{ path: '(root)', message: 'expected an object' }]],
    ['only a comment', '# to do\n', [{ path: '(root)', message: 'expected an object' }]],
    ['a list', '- a\n- b\n', [{ path: '(root)', message: 'expected an object' }]],
  ])('refuses %s', (_, text, errors) => expect(refusal(text).errors).toEqual(errors));

  it('is a CatalogError that keeps its origin', () => {
    const err = refusal('site: {}\n', '/etc/lifeline/catalog.yaml');
    expect(err).toBeInstanceOf(Error);
    expect(err.origin).toBe('/etc/lifeline/catalog.yaml');
    expect(err.message).toBe(
      'catalog /etc/lifeline/catalog.yaml is invalid:\nsite.name: required (expected a string)\nintegrations: required (expected an array)',
    );
  });
});

describe('loadCatalogFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lifeline-catalog-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads and validates a file', async () => {
    const file = join(dir, 'catalog.yaml');
    await writeFile(file, VALID);
    const catalog = await loadCatalogFile(file);
    expect(catalog.integrations.map((i) => i.id)).toEqual(['interface-engine', 'egress-firewall', 'synlab-results']);
    expect(catalog.integrations[2].checks[0]).toMatchObject({ id: 'synlab-results#0', host: 'mllp.synlab.example', port: 6661, timeout: 5_000 });
  });

  it('refuses a missing file with a clear error naming it', async () => {
    const file = join(dir, 'nowhere.yaml');
    const err: unknown = await loadCatalogFile(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CatalogError);
    expect((err as CatalogError).origin).toBe(file);
    expect((err as CatalogError).errors).toEqual([{ path: '(file)', message: 'cannot read: no such file' }]);
    expect((err as CatalogError).message).toBe(`catalog ${file} is invalid:\n(file): cannot read: no such file`);
  });

  it('refuses a directory', async () => {
    const sub = join(dir, 'a-directory.yaml');
    await mkdir(sub);
    const err = (await loadCatalogFile(sub).catch((e: unknown) => e)) as CatalogError;
    expect(err).toBeInstanceOf(CatalogError);
    expect(err.errors).toEqual([{ path: '(file)', message: 'cannot read: EISDIR' }]);
  });

  it('reports YAML errors in a file by line and column, with the file as origin', async () => {
    const file = join(dir, 'broken.yaml');
    await writeFile(file, VALID.replace('  - id: egress-firewall', '  - id: egress-firewall\n    id: firewall'));
    const err = (await loadCatalogFile(file).catch((e: unknown) => e)) as CatalogError;
    expect(err).toBeInstanceOf(CatalogError);
    expect(err.origin).toBe(file);
    expect(err.errors).toEqual([{ path: 'line 12, column 5', message: 'Map keys must be unique' }]);
  });
});
