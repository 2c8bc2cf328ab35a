/**
 * Demo scenarios as data: for each scenario, phases on the simulated clock saying how each
 * simulated system behaves. Pure: no I/O, no clock of its own; the simulator asks "what
 * does system X do at simulated minute M?" and acts on the answer.
 */

/** How one simulated system answers. `slow` stays under the check timeout; the last four are failures. */
export const BEHAVIOURS = ['healthy', 'slow', 'flapping', 'unavailable', 'reset', 'hang'] as const;
export type Behaviour = (typeof BEHAVIOURS)[number];

/** Behaviours a probe must see as a failed check (flapping fails every other time). */
export function isFailing(behaviour: Behaviour): boolean {
  return behaviour === 'unavailable' || behaviour === 'reset' || behaviour === 'hang';
}

/** Ids of the simulated systems; they are the integration ids of demo-catalog.yaml. */
export const INTERNAL_SYSTEMS = ['interface-engine', 'ehr', 'lis', 'pacs', 'egress-firewall', 'internal-dns'] as const;
export const EXTERNAL_SYSTEMS = [
  'synlab-results',
  'medilab-results',
  'cozo-hub',
  'ehealth-platform',
  'mycarenet-insurability',
  'recipe-prescriptions',
  'imaging-exchange',
  'medication-database',
  'provider-gateway',
] as const;
export type SystemId = (typeof INTERNAL_SYSTEMS)[number] | (typeof EXTERNAL_SYSTEMS)[number];
export const SYSTEM_IDS: readonly SystemId[] = [...INTERNAL_SYSTEMS, ...EXTERNAL_SYSTEMS];

export interface ScenarioPhase {
  /** When the phase begins: a simulated wall-clock time `HH:MM`, or `+Nm` after the scenario's start. */
  at: string;
  /** What a person watching would call this moment; logged by the simulator. */
  label: string;
  /** Systems not listed are healthy: each phase is a complete picture, not a diff. */
  systems: Readonly<Partial<Record<SystemId, Behaviour>>>;
}

export interface DemoScenario {
  name: string;
  description: string;
  /** Default simulated clock at start, `HH:MM` (Europe/Brussels wall time). */
  startAt: string;
  /** In time order; the first one should be at the start. */
  phases: readonly ScenarioPhase[];
}

const every = (ids: readonly SystemId[], behaviour: Behaviour): Partial<Record<SystemId, Behaviour>> =>
  Object.fromEntries(ids.map((id) => [id, behaviour]));

/** External links whose traffic passes through the interface engine (their `dependsOn` in demo-catalog.yaml). */
export const THROUGH_ENGINE = ['synlab-results', 'medilab-results', 'cozo-hub'] as const satisfies readonly SystemId[];

const ALL_CALM: ScenarioPhase = { at: '+0m', label: 'All systems answer normally', systems: {} };

export const DEMO_SCENARIOS = {
  normal: {
    name: 'normal',
    description: 'Every system, inside and outside, answers quickly.',
    startAt: '08:00',
    phases: [ALL_CALM],
  },
  'perimeter-ddos': {
    name: 'perimeter-ddos',
    description:
      'The UZ Gent morning: a DDoS on the telecom providers slows every external link from 07:20, several fail from 07:30, ' +
      'all are restored at 11:00. Inside the hospital everything keeps working.',
    startAt: '07:15',
    phases: [
      { at: '07:15', label: 'Quiet morning: all systems answer normally', systems: {} },
      { at: '07:20', label: 'Unusual traffic: every external partner and the provider gateway slow down', systems: every(EXTERNAL_SYSTEMS, 'slow') },
      {
        at: '07:30',
        label: 'Sharp rise: several external partners and the provider gateway stop answering',
        systems: {
          ...every(EXTERNAL_SYSTEMS, 'slow'),
          // A mix of failure shapes, as a real flood produces: time-outs, resets, overloaded front ends.
          'synlab-results': 'hang',
          'cozo-hub': 'hang',
          'ehealth-platform': 'reset',
          'imaging-exchange': 'unavailable',
          'provider-gateway': 'hang',
        },
      },
      { at: '11:00', label: 'External communications restored', systems: {} },
    ],
  },
  'lab-down': {
    name: 'lab-down',
    description: 'Synlab stops answering one minute in; everything else is fine: a single partner problem.',
    startAt: '09:00',
    phases: [ALL_CALM, { at: '+1m', label: 'Synlab stops answering', systems: { 'synlab-results': 'unavailable' } }],
  },
  'engine-down': {
    name: 'engine-down',
    description:
      "The hospital's interface engine fails one minute in. The partners themselves are fine, but the links to Synlab, " +
      'Medilab Oost and CoZo pass through the engine and fail with it: the fault is internal.',
    startAt: '10:00',
    phases: [
      ALL_CALM,
      {
        at: '+1m',
        label: 'The interface engine stops answering; the links that pass through it fail with it',
        systems: { 'interface-engine': 'unavailable', ...every(THROUGH_ENGINE, 'unavailable') },
      },
    ],
  },
  'partners-down': {
    name: 'partners-down',
    description: 'The eHealth platform and the insurability service fail one minute in, while the provider gateway and everything else are fine.',
    startAt: '14:00',
    phases: [
      ALL_CALM,
      { at: '+1m', label: 'eHealth platform and MyCareNet stop answering', systems: { 'ehealth-platform': 'unavailable', 'mycarenet-insurability': 'reset' } },
    ],
  },
  flapping: {
    name: 'flapping',
    description: 'Recip-e alternates between success and failure on every check, to show hysteresis at work.',
    startAt: '16:00',
    phases: [ALL_CALM, { at: '+1m', label: 'Recip-e answers every other request', systems: { 'recipe-prescriptions': 'flapping' } }],
  },
} as const satisfies Record<string, DemoScenario>;

export type ScenarioName = keyof typeof DEMO_SCENARIOS;
export const SCENARIO_NAMES = Object.keys(DEMO_SCENARIOS) as ScenarioName[];

export function isScenarioName(name: string): name is ScenarioName {
  return Object.hasOwn(DEMO_SCENARIOS, name);
}

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;
const RELATIVE = /^\+(\d+(?:\.\d+)?)m$/;

/** `HH:MM` → minutes since midnight; throws on anything else so a typo in a scenario is loud. */
export function parseClock(text: string): number {
  const m = CLOCK.exec(text);
  if (!m) throw new Error(`expected a time HH:MM, got "${text}"`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Minutes since midnight → `HH:MM` (wrapping past 24:00), for log lines. */
export function formatClock(minute: number): string {
  const m = Math.floor(minute) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** Minutes since midnight at which a phase begins, given the minute the scenario started. */
export function phaseStartMinute(phase: ScenarioPhase, startMinute: number): number {
  const rel = RELATIVE.exec(phase.at);
  return rel ? startMinute + Number(rel[1]) : parseClock(phase.at);
}

/**
 * The phase in force at `minute` (simulated minutes since midnight of the start day; it
 * keeps counting past 24:00). Before the first phase, the first one holds.
 */
export function phaseAt(scenario: DemoScenario, minute: number, startMinute: number): ScenarioPhase {
  let current = scenario.phases[0];
  for (const phase of scenario.phases) if (phaseStartMinute(phase, startMinute) <= minute) current = phase;
  return current;
}

export function behaviourAt(scenario: DemoScenario, system: string, minute: number, startMinute: number): Behaviour {
  return phaseAt(scenario, minute, startMinute).systems[system as SystemId] ?? 'healthy';
}

/** The next minute after `minute` when a phase begins, or undefined when nothing more happens. */
export function nextChangeMinute(scenario: DemoScenario, minute: number, startMinute: number): number | undefined {
  const upcoming = scenario.phases.map((p) => phaseStartMinute(p, startMinute)).filter((m) => m > minute);
  return upcoming.length > 0 ? Math.min(...upcoming) : undefined;
}
