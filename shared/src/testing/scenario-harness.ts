/**
 * Test support, not product code: runs the whole pure pipeline (check status with hysteresis →
 * maintenance → attribution → verdict → incidents) over a simulated morning, so the scenario
 * specs read like the DESIGN.md story. Checks are phase-spread over the interval, as the real
 * scheduler does, and every evaluation happens on a 2.5 s tick.
 */
import type { IncidentChange, IncidentState } from '../contracts/incident.js';
import type { MaintenanceWindow } from '../contracts/maintenance.js';
import type { Attribution, Verdict } from '../contracts/snapshot.js';
import type { IntegrationRole, Side, Status } from '../contracts/words.js';
import { isSuspect, updateLastAffectedAt } from '../domain/attribution/affected.js';
import { attribute } from '../domain/attribution/attribution.js';
import type { PerimeterAssessment } from '../domain/attribution/perimeter.js';
import { applyMaintenance } from '../domain/maintenance/maintenance.js';
import { initialCheckState, nextCheckState, type CheckRules, type CheckState } from '../domain/status/check-status.js';
import { combineChecks, sinceFor } from '../domain/status/integration-status.js';
import { computeVerdict } from '../domain/verdict/verdict.js';
import type { IncidentInput } from '../domain/incidents/incident-groups.js';
import { reconcileIncidents, type IncidentOptions } from '../domain/incidents/reconcile-incidents.js';

export const SITE_TZ = 'Europe/Brussels';
/** Local Brussels time on 4 March 2025 (UTC+1) as epoch ms: at('07:20'). */
export const at = (hhmm: string, seconds = 0): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return Date.UTC(2025, 2, 4, h - 1, m, seconds);
};

export interface SimIntegration {
  id: string;
  name: string;
  side: Side;
  partner?: string;
  role?: IntegrationRole;
  dependsOn: string[];
}

const int = (id: string, name: string, dependsOn: string[] = []): SimIntegration => ({ id, name, side: 'internal', dependsOn });
const ext = (id: string, name: string, partner: string, dependsOn = ['firewall']): SimIntegration => ({ id, name, side: 'external', partner, dependsOn });

/** A hospital like UZ Gent: three systems inside, nine external links of five partners, one canary. */
export const HOSPITAL: SimIntegration[] = [
  int('firewall', 'Egress firewall'),
  int('engine', 'Interface engine', ['firewall']),
  int('epd', 'EPD'),
  ext('synlab-results', 'Synlab lab results', 'Synlab', ['engine', 'firewall']),
  ext('synlab-orders', 'Synlab orders', 'Synlab', ['engine', 'firewall']),
  ext('ehealth-consent', 'eHealth consent', 'eHealth platform'),
  ext('recip-e', 'Recip-e prescriptions', 'eHealth platform'),
  ext('vitalink', 'Vitalink medication', 'eHealth platform'),
  ext('mycarenet', 'MyCareNet insurability', 'Mutualités'),
  ext('insurer-claims', 'Insurer claims', 'Mutualités'),
  ext('cozo', 'CoZo regional records', 'CoZo', ['engine', 'firewall']),
  ext('az-imaging', 'AZ Sint-Jan imaging', 'AZ Sint-Jan', ['engine', 'firewall']),
  { ...ext('provider-gw', 'Provider gateway', 'Proximus'), role: 'canary' },
];
export const EXTERNAL_IDS = HOSPITAL.filter((i) => i.side === 'external' && i.role !== 'canary').map((i) => i.id);

/** How a target answers a probe started at `t`. */
export type Answer = 'good' | 'slow' | 'fail';
export type Behaviour = (id: string, t: number) => Answer;

export const RULES: CheckRules = { interval: 30_000, timeout: 10_000, failuresToDown: 2, successesToRecover: 2, degradedAboveMs: 1_500 };
const STEP_MS = 2_500;

export interface Frame {
  t: number;
  status: Record<string, Status>;
  attribution: Record<string, Attribution | null>;
  perimeter: PerimeterAssessment;
  verdict: Verdict;
  events: IncidentChange[];
  open: IncidentState[];
}

export interface SimOptions {
  from: number;
  to: number;
  catalog?: SimIntegration[];
  windows?: MaintenanceWindow[];
}

interface Tracked {
  check: CheckState;
  status: Status;
  since: number;
  lastAffectedAt?: number;
}

function observe(id: string, t: number, answer: Answer): Parameters<typeof nextCheckState>[1] {
  if (answer === 'fail') return { checkId: `${id}#0`, startedAt: t, durationMs: RULES.timeout, ok: false, failure: { stage: 'response', errorClass: 'timeout', message: 'no answer in 10 s' } };
  return { checkId: `${id}#0`, startedAt: t, durationMs: answer === 'slow' ? 2_500 : 120, ok: true };
}

export function simulate(behaviour: Behaviour, options: SimOptions): Frame[] {
  const catalog = options.catalog ?? HOSPITAL;
  const offset = new Map(catalog.map((i, n) => [i.id, (n * STEP_MS) % RULES.interval]));
  const tracked = new Map<string, Tracked>(catalog.map((i) => [i.id, { check: initialCheckState(options.from), status: 'unknown', since: options.from }]));
  const frames: Frame[] = [];
  let open: IncidentState[] = [];
  let verdict: Verdict | undefined;
  for (let t = options.from; t <= options.to; t += STEP_MS) {
    for (const i of catalog) {
      const s = tracked.get(i.id)!;
      if ((t - options.from - offset.get(i.id)!) % RULES.interval === 0) s.check = nextCheckState(s.check, observe(i.id, t, behaviour(i.id, t)), RULES);
      const shown = applyMaintenance({ integrationId: i.id, status: combineChecks([s.check]).status, since: 0, reasons: [] }, options.windows ?? [], t, SITE_TZ);
      s.since = shown.status === 'maintenance' ? shown.since : sinceFor(s, shown.status, t);
      s.status = shown.status;
      s.lastAffectedAt = updateLastAffectedAt(s.lastAffectedAt, s.status, t);
    }
    const inputs = catalog.map((i) => {
      const s = tracked.get(i.id)!;
      return { ...i, status: s.status, since: s.since, lastAffectedAt: s.lastAffectedAt, suspect: isSuspect([s.check]) };
    });
    const report = attribute(inputs, t);
    const judged = inputs.map((i) => ({ ...i, attribution: report.byId.get(i.id) ?? null }));
    verdict = computeVerdict(judged, verdict, t, SITE_TZ);
    const reconciled = reconcileIncidents(open, judged, t);
    open = reconciled.open;
    frames.push({
      t,
      status: Object.fromEntries(judged.map((i) => [i.id, i.status])),
      attribution: Object.fromEntries(judged.map((i) => [i.id, i.attribution])),
      perimeter: report.perimeter,
      verdict,
      events: reconciled.events,
      open,
    });
  }
  return frames;
}

/** The frame at (or just after) a time. */
export function frameAt(frames: readonly Frame[], t: number): Frame {
  const frame = frames.find((f) => f.t >= t);
  if (!frame) throw new Error(`no frame at ${new Date(t).toISOString()}`);
  return frame;
}

export const allEvents = (frames: readonly Frame[]): IncidentChange[] => frames.flatMap((f) => f.events);

/** Runs successive evaluations, keeping the open incidents, and returns every step's outcome. */
export function runIncidents(steps: [number, IncidentInput[]][], options: Partial<IncidentOptions> = {}) {
  let open: IncidentState[] = [];
  const log: { t: number; events: IncidentChange[]; open: IncidentState[] }[] = [];
  for (const [t, current] of steps) {
    const result = reconcileIncidents(open, current, t, options);
    open = result.open;
    log.push({ t, events: result.events, open });
  }
  const events = log.flatMap((s) => s.events);
  return { open, log, events, types: log.map((s) => s.events.map((e) => `${e.type} ${e.incident.key}`)) };
}
