import { describe, expect, it } from 'vitest';
import { validateCatalog, type Catalog } from './catalog.js';
import { CHECK_KINDS } from './checks/index.js';
import { formatFieldErrors, type FieldError } from './validation-errors.js';

/** A catalog as written in a file, loosely typed so that tests can break it. */
interface CheckInput {
  kind: string;
  [field: string]: unknown;
}
interface IntegrationInput {
  id: string;
  name: string;
  side: string;
  category: string;
  partner?: string;
  criticality?: string;
  role?: string;
  dependsOn?: string[];
  clinician?: Record<string, unknown>;
  checks: CheckInput[];
  [field: string]: unknown;
}
interface CatalogInput {
  site: { name: string; timezone?: string; [field: string]: unknown };
  defaults?: Record<string, unknown>;
  integrations: IntegrationInput[];
  [field: string]: unknown;
}

/** The catalog of DESIGN.md, with the kinds that exist today (tcp stands in for hl7-mllp). */
function fullCatalog(): CatalogInput {
  return {
    site: { name: 'UZ Gent', timezone: 'Europe/Brussels' },
    defaults: { interval: '30s', timeout: '10s' },
    integrations: [
      {
        id: 'interface-engine',
        name: 'Interface engine',
        side: 'internal',
        category: 'application',
        criticality: 'critical',
        checks: [{ kind: 'tcp', host: 'engine.uzgent.local', port: 2575 }],
      },
      {
        id: 'egress-firewall',
        name: 'Egress firewall',
        side: 'internal',
        category: 'network',
        checks: [{ kind: 'tcp', host: 'fw.uzgent.local', port: 443, interval: '1m', failuresToDown: 3 }],
      },
      {
        id: 'synlab-results',
        name: 'Synlab lab results',
        side: 'external',
        category: 'lab',
        partner: 'Synlab',
        criticality: 'critical',
        dependsOn: ['interface-engine', 'egress-firewall'],
        clinician: { summary: 'Results of tests sent to Synlab', fallback: 'Phone the lab for urgent results' },
        checks: [
          { kind: 'tcp', host: 'mllp.synlab.example', port: 6661, interval: '30s', timeout: '5s', degradedAboveMs: 1500 },
          { kind: 'tcp', host: 'backup.synlab.example', port: 6662, timeout: '1.5s', successesToRecover: 4 },
        ],
      },
      {
        id: 'provider-gateway',
        name: 'Provider gateway',
        side: 'external',
        category: 'network',
        partner: 'Proximus',
        role: 'canary',
        checks: [{ kind: 'tcp', host: 'gw.provider.example', port: 443, interval: '500ms', timeout: '500ms' }],
      },
    ],
  };
}

function catalogOf(input: unknown): Catalog {
  const result = validateCatalog(input);
  if (!result.ok) throw new Error(`expected a valid catalog:\n${formatFieldErrors(result.errors)}`);
  return result.catalog;
}

function errorsOf(input: unknown): FieldError[] {
  const result = validateCatalog(input);
  if (result.ok) throw new Error('expected the catalog to be refused');
  return result.errors;
}

/** A copy of the full catalog with one change made to it. */
function changed(change: (c: CatalogInput) => void): CatalogInput {
  const c = structuredClone(fullCatalog());
  change(c);
  return c;
}

/** The smallest valid catalog: integrations are `[id, dependsOn]` pairs with one tcp check each. */
function graph(...integrations: [string, string[]][]) {
  return {
    site: { name: 'Site' },
    integrations: integrations.map(([id, dependsOn]) => ({
      id,
      name: id,
      side: 'internal',
      category: 'application',
      dependsOn,
      checks: [{ kind: 'tcp', host: `${id}.local`, port: 1 }],
    })),
  };
}

const KINDS = CHECK_KINDS.join(', ');

describe('validateCatalog: a valid catalog', () => {
  it('keeps the site and every integration, in file order', () => {
    const catalog = catalogOf(fullCatalog());
    expect(catalog.site).toEqual({ name: 'UZ Gent', timezone: 'Europe/Brussels' });
    expect(catalog.integrations.map((i) => i.id)).toEqual(['interface-engine', 'egress-firewall', 'synlab-results', 'provider-gateway']);
  });

  it('resolves every check: durations in ms, ids `<integration>#<index>`, defaults filled in', () => {
    const checks = catalogOf(fullCatalog()).integrations.flatMap((i) => i.checks);
    expect(checks).toEqual([
      {
        kind: 'tcp', host: 'engine.uzgent.local', port: 2575, id: 'interface-engine#0', integrationId: 'interface-engine',
        interval: 30_000, timeout: 10_000, degradedAboveMs: undefined, degradedAboveBaseline: undefined, failuresToDown: 2, successesToRecover: 2,
      },
      {
        kind: 'tcp', host: 'fw.uzgent.local', port: 443, id: 'egress-firewall#0', integrationId: 'egress-firewall',
        interval: 60_000, timeout: 10_000, degradedAboveMs: undefined, degradedAboveBaseline: undefined, failuresToDown: 3, successesToRecover: 2,
      },
      {
        kind: 'tcp', host: 'mllp.synlab.example', port: 6661, id: 'synlab-results#0', integrationId: 'synlab-results',
        interval: 30_000, timeout: 5_000, degradedAboveMs: 1500, degradedAboveBaseline: undefined, failuresToDown: 2, successesToRecover: 2,
      },
      {
        kind: 'tcp', host: 'backup.synlab.example', port: 6662, id: 'synlab-results#1', integrationId: 'synlab-results',
        interval: 30_000, timeout: 1_500, degradedAboveMs: undefined, degradedAboveBaseline: undefined, failuresToDown: 2, successesToRecover: 4,
      },
      {
        kind: 'tcp', host: 'gw.provider.example', port: 443, id: 'provider-gateway#0', integrationId: 'provider-gateway',
        interval: 500, timeout: 500, degradedAboveMs: undefined, degradedAboveBaseline: undefined, failuresToDown: 2, successesToRecover: 2,
      },
    ]);
  });

  it('fills integration defaults: criticality medium, role service, no dependencies', () => {
    const [engine, firewall, synlab, gateway] = catalogOf(fullCatalog()).integrations;
    expect([engine, firewall, synlab, gateway].map((i) => [i.id, i.criticality, i.role, i.dependsOn])).toEqual([
      ['interface-engine', 'critical', 'service', []],
      ['egress-firewall', 'medium', 'service', []],
      ['synlab-results', 'critical', 'service', ['interface-engine', 'egress-firewall']],
      ['provider-gateway', 'medium', 'canary', []],
    ]);
    expect(synlab).toMatchObject({
      name: 'Synlab lab results',
      side: 'external',
      category: 'lab',
      partner: 'Synlab',
      clinician: { summary: 'Results of tests sent to Synlab', fallback: 'Phone the lab for urgent results' },
    });
    expect(engine.partner).toBeUndefined();
    expect(engine.clinician).toBeUndefined();
  });

  it.each([
    // defaults in the file, what the first check of interface-engine resolves to
    ['no defaults at all', undefined, { interval: 30_000, timeout: 10_000, failuresToDown: 2, successesToRecover: 2, degradedAboveMs: undefined }],
    ['an empty defaults block', {}, { interval: 30_000, timeout: 10_000, failuresToDown: 2, successesToRecover: 2, degradedAboveMs: undefined }],
    ['only an interval', { interval: '5m' }, { interval: 300_000, timeout: 10_000, failuresToDown: 2, successesToRecover: 2, degradedAboveMs: undefined }],
    [
      'every field',
      { interval: '15s', timeout: '2s', degradedAboveMs: 800, degradedAboveBaseline: 3, failuresToDown: 5, successesToRecover: 1 },
      { interval: 15_000, timeout: 2_000, failuresToDown: 5, successesToRecover: 1, degradedAboveMs: 800, degradedAboveBaseline: 3 },
    ],
  ] as const)('with %s', (_, defaults, expected) => {
    const input = changed((c) => {
      if (defaults === undefined) delete c.defaults;
      else c.defaults = defaults;
    });
    expect(catalogOf(input).integrations[0].checks[0]).toMatchObject(expected);
  });

  it('lets a check override each default', () => {
    const input = changed((c) => {
      c.defaults = { interval: '15s', timeout: '2s', degradedAboveMs: 800, failuresToDown: 5 };
      c.integrations[0].checks[0] = {
        kind: 'tcp', host: 'engine.uzgent.local', port: 2575, interval: '1h', timeout: '1m', degradedAboveMs: 50, failuresToDown: 1, successesToRecover: 9,
      };
    });
    expect(catalogOf(input).integrations[0].checks[0]).toMatchObject({
      interval: 3_600_000, timeout: 60_000, degradedAboveMs: 50, failuresToDown: 1, successesToRecover: 9,
    });
  });

  it('takes UTC when the site names no time zone', () => {
    expect(catalogOf(changed((c) => delete c.site.timezone)).site).toEqual({ name: 'UZ Gent', timezone: 'UTC' });
  });
});

describe('validateCatalog: an invalid catalog reports every problem, each with its path', () => {
  it('lists all of them at once, in plain words', () => {
    const input = {
      site: { name: 'UZ Gent', timezone: 'Europe/Brussels', country: 'BE' },
      defaults: { interval: '30', timeout: '10s' },
      integrations: [
        { id: 'interface-engine', name: 'Interface engine', side: 'internal', category: 'application', checks: [{ kind: 'tcp', host: 'engine', port: 2575 }] },
        {
          id: 'Synlab Results',
          name: 'Synlab',
          side: 'outside',
          category: 'lab',
          partner: 'Synlab',
          criticality: 'urgent',
          checks: [{ kind: 'tcp', host: 'mllp.synlab.example', port: '6661', timeout: '5 minutes' }],
        },
        { id: 'ehealth', name: 'eHealth', side: 'external', category: 'ehealth', partner: 'eHealth', checks: [] },
        {
          id: 'pacs',
          name: 42,
          side: 'internal',
          category: 'radiology',
          clinician: { summary: '' },
          checks: [{ kind: 'dicom', host: 'pacs' }, { kind: 'tcp', host: '', port: 70000, retries: 3 }],
        },
      ],
    };
    expect(errorsOf(input)).toEqual([
      { path: 'site', message: 'unknown field "country"' },
      { path: 'defaults.interval', message: 'expected a duration such as 30s or 5m, got "30"' },
      { path: 'integrations[1].id', message: 'expected lower-case letters, digits and dashes, e.g. synlab-results' },
      { path: 'integrations[1].side', message: 'expected one of: internal, external' },
      { path: 'integrations[1].criticality', message: 'expected one of: critical, high, medium, low' },
      { path: 'integrations[1].checks[0].timeout', message: 'expected a duration such as 30s or 5m, got "5 minutes"' },
      { path: 'integrations[1].checks[0].port', message: 'expected a number' },
      { path: 'integrations[2].checks', message: 'expected at least one check' },
      { path: 'integrations[3].name', message: 'expected a string' },
      { path: 'integrations[3].category', message: 'expected one of: lab, regional-records, insurer, ehealth, imaging, pharmacy, network, application' },
      { path: 'integrations[3].clinician.summary', message: 'must not be empty' },
      { path: 'integrations[3].checks[0].kind', message: `unknown check kind; expected one of: ${KINDS}` },
      { path: 'integrations[3].checks[1].host', message: 'expected a host name or address' },
      { path: 'integrations[3].checks[1].port', message: 'expected a port from 1 to 65535' },
      { path: 'integrations[3].checks[1]', message: 'unknown field "retries"' },
    ]);
  });

  it('prints them one per line as `path: message`', () => {
    const input = changed((c) => {
      c.integrations[1].checks[0].port = 'https';
      c.integrations[2].side = 'outside';
    });
    expect(formatFieldErrors(errorsOf(input))).toBe(
      ['integrations[1].checks[0].port: expected a number', 'integrations[2].side: expected one of: internal, external'].join('\n'),
    );
  });

  it.each<[string, unknown, FieldError[]]>([
    ['nothing at all', undefined, [{ path: '(root)', message: 'required (expected an object)' }]],
    ['null', null, [{ path: '(root)', message: 'expected an object' }]],
    ['a list', [], [{ path: '(root)', message: 'expected an object' }]],
    ['an empty document', {}, [{ path: 'site', message: 'required (expected an object)' }, { path: 'integrations', message: 'required (expected an array)' }]],
    [
      'no integrations',
      { site: { name: 'UZ Gent' }, integrations: [] },
      [{ path: 'integrations', message: 'expected at least one integration' }],
    ],
    ['integrations as a map', { site: { name: 'UZ Gent' }, integrations: { a: 1 } }, [{ path: 'integrations', message: 'expected an array' }]],
    ['a site without a name', { site: {}, integrations: graph(['a', []]).integrations }, [{ path: 'site.name', message: 'required (expected a string)' }]],
  ])('%s', (_, input, errors) => expect(errorsOf(input)).toEqual(errors));

  it.each<[string, (c: CatalogInput) => void, FieldError[]]>([
    ['a port given as text', (c) => (c.integrations[1].checks[0].port = '443'), [{ path: 'integrations[1].checks[0].port', message: 'expected a number' }]],
    ['a missing port', (c) => delete c.integrations[1].checks[0].port, [{ path: 'integrations[1].checks[0].port', message: 'expected a number' }]],
    ['a port 0', (c) => (c.integrations[1].checks[0].port = 0), [{ path: 'integrations[1].checks[0].port', message: 'expected a port from 1 to 65535' }]],
    ['a port 65536', (c) => (c.integrations[1].checks[0].port = 65536), [{ path: 'integrations[1].checks[0].port', message: 'expected a port from 1 to 65535' }]],
    ['a fractional port', (c) => (c.integrations[1].checks[0].port = 44.3), [{ path: 'integrations[1].checks[0].port', message: 'expected a whole number' }]],
    ['an empty host', (c) => (c.integrations[1].checks[0].host = ''), [{ path: 'integrations[1].checks[0].host', message: 'expected a host name or address' }]],
    ['an interval without unit', (c) => (c.integrations[1].checks[0].interval = '30'), [{ path: 'integrations[1].checks[0].interval', message: 'expected a duration such as 30s or 5m, got "30"' }]],
    ['an interval as a number', (c) => (c.integrations[1].checks[0].interval = 30), [{ path: 'integrations[1].checks[0].interval', message: 'expected a duration such as 30s or 5m' }]],
    ['a zero timeout', (c) => (c.integrations[2].checks[0].timeout = '0s'), [{ path: 'integrations[2].checks[0].timeout', message: 'expected a duration such as 30s or 5m, got "0s"' }]],
    ['degradedAboveMs as text', (c) => (c.integrations[2].checks[0].degradedAboveMs = '1500ms'), [{ path: 'integrations[2].checks[0].degradedAboveMs', message: 'expected a number' }]],
    ['failuresToDown 0', (c) => (c.integrations[1].checks[0].failuresToDown = 0), [{ path: 'integrations[1].checks[0].failuresToDown', message: 'Too small: expected number to be >=1' }]],
    ['an unknown check kind', (c) => (c.integrations[0].checks[0].kind = 'hl7'), [{ path: 'integrations[0].checks[0].kind', message: `unknown check kind; expected one of: ${KINDS}` }]],
    // Cross-checks need a well-formed catalog: synlab-results naming the old id is reported only once this is fixed.
    ['an upper-case id', (c) => (c.integrations[0].id = 'Interface-Engine'), [
      { path: 'integrations[0].id', message: 'expected lower-case letters, digits and dashes, e.g. synlab-results' },
    ]],
    ['a dependsOn that is not an id', (c) => (c.integrations[2].dependsOn = ['egress firewall']), [{ path: 'integrations[2].dependsOn[0]', message: 'expected lower-case letters, digits and dashes, e.g. synlab-results' }]],
    ['an unknown side', (c) => (c.integrations[0].side = 'inside'), [{ path: 'integrations[0].side', message: 'expected one of: internal, external' }]],
    ['an unknown role', (c) => (c.integrations[3].role = 'probe'), [{ path: 'integrations[3].role', message: 'expected one of: service, canary' }]],
    ['an empty partner', (c) => (c.integrations[2].partner = ''), [{ path: 'integrations[2].partner', message: 'must not be empty' }]],
    ['an empty name', (c) => (c.integrations[0].name = ''), [{ path: 'integrations[0].name', message: 'expected a name' }]],
    ['no checks', (c) => (c.integrations[0].checks = []), [{ path: 'integrations[0].checks', message: 'expected at least one check' }]],
  ])('%s', (_, change, errors) => expect(errorsOf(changed(change))).toEqual(errors));
});

describe('validateCatalog: unknown fields are refused at every level', () => {
  it.each<[string, (c: CatalogInput) => void, FieldError[]]>([
    ['the root', (c) => (c.sites = []), [{ path: '(root)', message: 'unknown field "sites"' }]],
    ['the site', (c) => (c.site.tz = 'UTC'), [{ path: 'site', message: 'unknown field "tz"' }]],
    ['the defaults', (c) => (c.defaults!.intervall = '30s'), [{ path: 'defaults', message: 'unknown field "intervall"' }]],
    ['an integration', (c) => (c.integrations[2].depends_on = []), [{ path: 'integrations[2]', message: 'unknown field "depends_on"' }]],
    ['clinician text', (c) => (c.integrations[2].clinician!.phone = '1234'), [{ path: 'integrations[2].clinician', message: 'unknown field "phone"' }]],
    ['a check', (c) => (c.integrations[2].checks[1].portt = 1), [{ path: 'integrations[2].checks[1]', message: 'unknown field "portt"' }]],
    [
      'a check, two at once',
      (c) => Object.assign(c.integrations[2].checks[1], { retries: 3, url: 'http://x' }),
      [{ path: 'integrations[2].checks[1]', message: 'unknown fields "retries", "url"' }],
    ],
  ])('in %s', (_, change, errors) => expect(errorsOf(changed(change))).toEqual(errors));
});

describe('validateCatalog: cross-checks', () => {
  it.each<[string, (c: CatalogInput) => void, FieldError[]]>([
    ['duplicate ids', (c) => (c.integrations[3].id = 'egress-firewall'), [{ path: 'integrations[3].id', message: 'duplicate id "egress-firewall" (also integrations[1])' }]],
    ['an unknown dependency', (c) => (c.integrations[2].dependsOn = ['interface-engine', 'egress-firewal']), [{ path: 'integrations[2].dependsOn[1]', message: 'unknown integration "egress-firewal"' }]],
    ['a dependency on itself', (c) => (c.integrations[2].dependsOn = ['synlab-results']), [{ path: 'integrations[2].dependsOn[0]', message: 'an integration cannot depend on itself' }]],
    [
      'a timeout longer than its own interval',
      (c) => (c.integrations[2].checks[0].timeout = '31s'),
      [{ path: 'integrations[2].checks[0].timeout', message: 'must not be longer than the interval' }],
    ],
    [
      'a timeout from the defaults longer than a check interval',
      (c) => delete c.integrations[3].checks[0].timeout,
      [{ path: 'integrations[3].checks[0].timeout', message: 'must not be longer than the interval' }],
    ],
    [
      'a default timeout longer than the default interval',
      (c) => (c.defaults = { interval: '5s', timeout: '10s' }),
      // only interface-engine#0 takes both defaults; the others set a longer interval or a shorter timeout
      [{ path: 'integrations[0].checks[0].timeout', message: 'must not be longer than the interval' }],
    ],
    ['an external integration without a partner', (c) => delete c.integrations[2].partner, [{ path: 'integrations[2].partner', message: 'required for an external integration' }]],
    ['an unknown time zone', (c) => (c.site.timezone = 'Europe/Gent'), [{ path: 'site.timezone', message: 'unknown time zone "Europe/Gent"' }]],
    ['a time zone that is not one', (c) => (c.site.timezone = 'CEST+2'), [{ path: 'site.timezone', message: 'unknown time zone "CEST+2"' }]],
  ])('refuses %s', (_, change, errors) => expect(errorsOf(changed(change))).toEqual(errors));

  it.each<[string, (c: CatalogInput) => void]>([
    ['a timeout equal to the interval', (c) => (c.integrations[2].checks[0].timeout = '30s')],
    ['the time zone UTC', (c) => (c.site.timezone = 'UTC')],
    ['the time zone America/New_York', (c) => (c.site.timezone = 'America/New_York')],
    ['a dependency listed before the integration it names', (c) => (c.integrations[0].dependsOn = ['egress-firewall'])],
    ['a diamond of dependencies', (c) => (c.integrations[1].dependsOn = ['interface-engine'])],
  ])('accepts %s', (_, change) => expect(validateCatalog(changed(change)).ok).toBe(true));

  it.each<[string, [string, string[]][], FieldError[]]>([
    ['a → b → a', [['a', ['b']], ['b', ['a']]], [{ path: 'integrations[0].dependsOn', message: 'dependency cycle: a → b → a' }]],
    ['b → c → d → b, reached from a', [['a', ['b']], ['b', ['c']], ['c', ['d']], ['d', ['b']]], [{ path: 'integrations[1].dependsOn', message: 'dependency cycle: b → c → d → b' }]],
    ['a cycle declared last', [['x', []], ['y', ['z']], ['z', ['y']]], [{ path: 'integrations[1].dependsOn', message: 'dependency cycle: y → z → y' }]],
  ])('refuses the dependency cycle %s, once, where it starts', (_, integrations, errors) => expect(errorsOf(graph(...integrations))).toEqual(errors));

  it('reports a dependency on itself once, not also as a cycle', () => {
    expect(errorsOf(graph(['a', ['a']], ['b', ['a']]))).toEqual([{ path: 'integrations[0].dependsOn[0]', message: 'an integration cannot depend on itself' }]);
  });

  it('reports every cross-check problem together', () => {
    const input = changed((c) => {
      c.site.timezone = 'Mars/Olympus';
      c.integrations[3].id = 'synlab-results';
      delete c.integrations[3].partner;
      c.integrations[2].dependsOn = ['interface-engine', 'lis', 'synlab-results'];
      c.integrations[2].checks[1].timeout = '45s';
      c.integrations[1].dependsOn = ['interface-engine'];
      c.integrations[0].dependsOn = ['egress-firewall'];
    });
    expect(errorsOf(input)).toEqual([
      { path: 'site.timezone', message: 'unknown time zone "Mars/Olympus"' },
      { path: 'integrations[3].id', message: 'duplicate id "synlab-results" (also integrations[2])' },
      { path: 'integrations[3].partner', message: 'required for an external integration' },
      { path: 'integrations[2].dependsOn[1]', message: 'unknown integration "lis"' },
      { path: 'integrations[2].dependsOn[2]', message: 'an integration cannot depend on itself' },
      { path: 'integrations[2].checks[1].timeout', message: 'must not be longer than the interval' },
      { path: 'integrations[0].dependsOn', message: 'dependency cycle: interface-engine → egress-firewall → interface-engine' },
    ]);
  });
});
