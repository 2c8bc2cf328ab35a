import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadCatalogTemplate } from './demo-catalog.js';
import {
  DEMO_SCENARIOS,
  EXTERNAL_SYSTEMS,
  INTERNAL_SYSTEMS,
  SCENARIO_NAMES,
  SYSTEM_IDS,
  THROUGH_ENGINE,
  behaviourAt,
  isFailing,
  nextChangeMinute,
  parseClock,
  phaseStartMinute,
  type Behaviour,
  type ScenarioName,
} from './scenarios.js';

const at = (name: ScenarioName, clock: string, system: string, startAt: string = DEMO_SCENARIOS[name].startAt): Behaviour =>
  behaviourAt(DEMO_SCENARIOS[name], system, parseClock(clock), parseClock(startAt));

/** Every simulated minute from `from` to `to`, inclusive. */
const minutes = (from: string, to: string): number[] =>
  Array.from({ length: parseClock(to) - parseClock(from) + 1 }, (_, i) => parseClock(from) + i);

describe('perimeter-ddos: the UZ Gent morning', () => {
  const ddos = DEMO_SCENARIOS['perimeter-ddos'];
  const start = parseClock(ddos.startAt);

  it('starts at 07:15', () => expect(ddos.startAt).toBe('07:15'));

  it.each([
    ['07:15', 'synlab-results', 'healthy'],
    ['07:19', 'ehealth-platform', 'healthy'],
    ['07:20', 'synlab-results', 'slow'],
    ['07:20', 'provider-gateway', 'slow'],
    ['07:29', 'mycarenet-insurability', 'slow'],
    ['07:30', 'synlab-results', 'hang'],
    ['07:30', 'cozo-hub', 'hang'],
    ['07:30', 'ehealth-platform', 'reset'],
    ['07:30', 'imaging-exchange', 'unavailable'],
    ['07:30', 'provider-gateway', 'hang'],
    ['07:30', 'medilab-results', 'slow'],
    ['10:59', 'cozo-hub', 'hang'],
    ['11:00', 'synlab-results', 'healthy'],
    ['11:00', 'provider-gateway', 'healthy'],
    ['13:00', 'ehealth-platform', 'healthy'],
  ] as const)('at %s %s is %s', (clock, system, expected) => {
    expect(at('perimeter-ddos', clock, system)).toBe(expected);
  });

  it('leaves every internal system healthy at every minute of the morning', () => {
    for (const minute of minutes('07:15', '12:00')) {
      for (const system of INTERNAL_SYSTEMS) expect(behaviourAt(ddos, system, minute, start), `${system} at ${minute}`).toBe('healthy');
    }
  });

  it('slows every external partner and the canary at 07:20', () => {
    for (const system of EXTERNAL_SYSTEMS) expect(at('perimeter-ddos', '07:20', system)).toBe('slow');
  });

  it('fails at least four partners besides the canary at 07:30, and the canary too', () => {
    const failing = EXTERNAL_SYSTEMS.filter((s) => isFailing(at('perimeter-ddos', '07:30', s)));
    expect(failing).toContain('provider-gateway');
    expect(failing.filter((s) => s !== 'provider-gateway').length).toBeGreaterThanOrEqual(4);
  });

  it('says when the next change comes, and that nothing comes after 11:00', () => {
    expect(nextChangeMinute(ddos, parseClock('07:15'), start)).toBe(parseClock('07:20'));
    expect(nextChangeMinute(ddos, parseClock('07:20'), start)).toBe(parseClock('07:30'));
    expect(nextChangeMinute(ddos, parseClock('08:00'), start)).toBe(parseClock('11:00'));
    expect(nextChangeMinute(ddos, parseClock('11:00'), start)).toBeUndefined();
  });
});

describe('the single-fault scenarios', () => {
  it.each([
    // scenario, the system that fails a minute in, how
    ['lab-down', 'synlab-results', 'unavailable'],
    ['engine-down', 'interface-engine', 'unavailable'],
    ['partners-down', 'ehealth-platform', 'unavailable'],
    ['partners-down', 'mycarenet-insurability', 'reset'],
    ['flapping', 'recipe-prescriptions', 'flapping'],
  ] as const)('%s: %s is healthy at the start and %s from one minute in', (name, system, behaviour) => {
    const start = parseClock(DEMO_SCENARIOS[name].startAt);
    expect(behaviourAt(DEMO_SCENARIOS[name], system, start, start)).toBe('healthy');
    expect(behaviourAt(DEMO_SCENARIOS[name], system, start + 0.99, start)).toBe('healthy');
    expect(behaviourAt(DEMO_SCENARIOS[name], system, start + 1, start)).toBe(behaviour);
    expect(behaviourAt(DEMO_SCENARIOS[name], system, start + 600, start)).toBe(behaviour);
  });

  it.each([
    ['lab-down', ['synlab-results']],
    ['engine-down', ['interface-engine', 'synlab-results', 'medilab-results', 'cozo-hub']],
    ['partners-down', ['ehealth-platform', 'mycarenet-insurability']],
    ['flapping', ['recipe-prescriptions']],
    ['normal', []],
  ] as const)('%s touches nothing but %j, canaries included', (name, affected) => {
    const start = parseClock(DEMO_SCENARIOS[name].startAt);
    const touched = SYSTEM_IDS.filter((s) => behaviourAt(DEMO_SCENARIOS[name], s, start + 30, start) !== 'healthy');
    expect(touched).toEqual(affected);
  });

  it('engine-down fails the links through the engine with it, and no link that does not need it: the fault is internal', () => {
    for (const s of THROUGH_ENGINE) expect(at('engine-down', '10:30', s)).toBe('unavailable');
    const others = EXTERNAL_SYSTEMS.filter((s) => !(THROUGH_ENGINE as readonly string[]).includes(s));
    for (const s of others) expect(at('engine-down', '10:30', s)).toBe('healthy');
  });

  it('THROUGH_ENGINE is exactly the external links that need the interface engine in the demo catalog', async () => {
    const catalog = parse(await loadCatalogTemplate()) as { integrations: { id: string; side: string; dependsOn?: string[] }[] };
    const through = catalog.integrations.filter((i) => i.side === 'external' && i.dependsOn?.includes('interface-engine')).map((i) => i.id);
    expect(through.sort()).toEqual([...THROUGH_ENGINE].sort());
  });

  it('counts "+1m" from the chosen start, not the default one', () => {
    expect(at('lab-down', '13:00', 'synlab-results', '13:00')).toBe('healthy');
    expect(at('lab-down', '13:01', 'synlab-results', '13:00')).toBe('unavailable');
  });
});

describe('scenario data', () => {
  it.each(SCENARIO_NAMES)('%s names only known systems, in time order, starting at its start', (name) => {
    const scenario = DEMO_SCENARIOS[name];
    const start = parseClock(scenario.startAt);
    const starts = scenario.phases.map((p) => phaseStartMinute(p, start));
    expect(starts[0]).toBeLessThanOrEqual(start);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    for (const phase of scenario.phases) expect(SYSTEM_IDS).toEqual(expect.arrayContaining(Object.keys(phase.systems)));
    expect(scenario.name).toBe(name);
  });

  it.each(['7:15', '24:00', '07:60', 'noon', ''])('refuses the clock time %j', (text) => {
    expect(() => parseClock(text)).toThrow(/HH:MM/);
  });

  it.each([
    ['healthy', false],
    ['slow', false],
    ['flapping', false],
    ['unavailable', true],
    ['reset', true],
    ['hang', true],
  ] as const)('%s counts as failing: %s', (behaviour, failing) => expect(isFailing(behaviour)).toBe(failing));
});
