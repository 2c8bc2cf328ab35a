import { z } from 'zod';
import { checkSchema, type CheckDefinition } from './checks/index.js';
import { durationSchema } from './duration.js';
import { zodIssuesToFieldErrors, type FieldError } from './validation-errors.js';
import { CATEGORIES, CRITICALITIES, ROLES, SIDES } from './words.js';

const idSchema = z
  .string({ error: 'expected an id' })
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'expected lower-case letters, digits and dashes, e.g. synlab-results');

const clinicianSchema = z.strictObject({
  /** What clinicians call this data source ("Lab results from Synlab"). */
  summary: z.string().min(1),
  /** What to do meanwhile. */
  fallback: z.string().min(1).optional(),
  contact: z.string().min(1).optional(),
});

const integrationSchema = z.strictObject({
  id: idSchema,
  name: z.string().min(1, 'expected a name'),
  side: z.enum(SIDES),
  category: z.enum(CATEGORIES),
  partner: z.string().min(1).optional(),
  criticality: z.enum(CRITICALITIES).default('medium'),
  role: z.enum(ROLES).default('service'),
  dependsOn: z.array(idSchema).default([]),
  clinician: clinicianSchema.optional(),
  checks: z.array(checkSchema).min(1, 'expected at least one check'),
});

const defaultsSchema = z
  .strictObject({
    interval: durationSchema.default(30_000),
    timeout: durationSchema.default(10_000),
    degradedAboveMs: z.number().positive().optional(),
    degradedAboveBaseline: z.number().gt(1).optional(),
    failuresToDown: z.number().int().min(1).max(20).default(2),
    successesToRecover: z.number().int().min(1).max(20).default(2),
  })
  .default({ interval: 30_000, timeout: 10_000, failuresToDown: 2, successesToRecover: 2 });

/** How a common cause outside is recognised (see domain/attribution/perimeter.ts). */
const attributionSchema = z
  .strictObject({
    window: durationSchema.default(300_000),
    share: z.number().gt(0).max(1).default(0.5),
    minPartners: z.number().int().min(1).default(2),
  })
  .default({ window: 300_000, share: 0.5, minPartners: 2 });

/** How incidents settle and close (see domain/incidents/reconcile-incidents.ts). */
const incidentsSchema = z
  .strictObject({
    settle: durationSchema.default(30_000),
    coolDown: durationSchema.default(300_000),
  })
  .default({ settle: 30_000, coolDown: 300_000 });

export const catalogFileSchema = z.strictObject({
  site: z.strictObject({
    name: z.string().min(1),
    timezone: z.string().min(1).default('UTC'),
  }),
  defaults: defaultsSchema,
  attribution: attributionSchema,
  incidents: incidentsSchema,
  integrations: z.array(integrationSchema).min(1, 'expected at least one integration'),
});
export type CatalogFile = z.output<typeof catalogFileSchema>;
export type IntegrationDefinition = z.output<typeof integrationSchema>;

/** A check with every default applied and an id that is stable across reloads. */
export type ResolvedCheck = CheckDefinition & {
  id: string;
  integrationId: string;
  interval: number;
  timeout: number;
  failuresToDown: number;
  successesToRecover: number;
};

export type Integration = Omit<IntegrationDefinition, 'checks'> & { checks: ResolvedCheck[] };

export interface Catalog {
  site: CatalogFile['site'];
  attribution: { windowMs: number; share: number; minPartners: number };
  incidents: { settleMs: number; coolDownMs: number };
  integrations: Integration[];
}

export type CatalogResult = { ok: true; catalog: Catalog } | { ok: false; errors: FieldError[] };

function isValidTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Rules that span integrations: unique ids, known and acyclic dependencies, timing sanity. */
function crossChecks(file: CatalogFile, resolved: Integration[]): FieldError[] {
  const errors: FieldError[] = [];
  if (!isValidTimezone(file.site.timezone)) {
    errors.push({ path: 'site.timezone', message: `unknown time zone "${file.site.timezone}"` });
  }
  const index = new Map<string, number>();
  file.integrations.forEach((integration, i) => {
    const first = index.get(integration.id);
    if (first !== undefined) {
      errors.push({ path: `integrations[${i}].id`, message: `duplicate id "${integration.id}" (also integrations[${first}])` });
    } else index.set(integration.id, i);
    if (integration.side === 'external' && !integration.partner) {
      errors.push({ path: `integrations[${i}].partner`, message: 'required for an external integration' });
    }
  });
  file.integrations.forEach((integration, i) => {
    integration.dependsOn.forEach((dep, j) => {
      if (dep === integration.id) errors.push({ path: `integrations[${i}].dependsOn[${j}]`, message: 'an integration cannot depend on itself' });
      else if (!index.has(dep)) errors.push({ path: `integrations[${i}].dependsOn[${j}]`, message: `unknown integration "${dep}"` });
    });
  });
  resolved.forEach((integration, i) =>
    integration.checks.forEach((check, j) => {
      if (check.timeout > check.interval) {
        errors.push({ path: `integrations[${i}].checks[${j}].timeout`, message: 'must not be longer than the interval' });
      }
    }),
  );
  const cycle = findCycle(file.integrations);
  if (cycle) errors.push({ path: `integrations[${index.get(cycle[0])}].dependsOn`, message: `dependency cycle: ${cycle.join(' → ')}` });
  return errors;
}

function findCycle(integrations: readonly IntegrationDefinition[]): string[] | undefined {
  const deps = new Map(integrations.map((i) => [i.id, i.dependsOn]));
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return [...stack.slice(stack.indexOf(id)), id];
    state.set(id, 'visiting');
    stack.push(id);
    for (const dep of deps.get(id) ?? []) {
      // Unknown ids and self-dependencies have their own, clearer errors.
      const found = deps.has(dep) && dep !== id ? visit(dep) : undefined;
      if (found) return found;
    }
    stack.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const id of deps.keys()) {
    const found = visit(id);
    if (found) return found;
  }
  return undefined;
}

function resolve(file: CatalogFile): Integration[] {
  const d = file.defaults;
  return file.integrations.map((integration) => ({
    ...integration,
    checks: integration.checks.map((check, j) => ({
      ...check,
      id: `${integration.id}#${j}`,
      integrationId: integration.id,
      interval: check.interval ?? d.interval,
      timeout: check.timeout ?? d.timeout,
      degradedAboveMs: check.degradedAboveMs ?? d.degradedAboveMs,
      degradedAboveBaseline: check.degradedAboveBaseline ?? d.degradedAboveBaseline,
      failuresToDown: check.failuresToDown ?? d.failuresToDown,
      successesToRecover: check.successesToRecover ?? d.successesToRecover,
    })),
  }));
}

/** Validates a parsed catalog document; every problem is reported with its path, not just the first. */
export function validateCatalog(input: unknown): CatalogResult {
  const parsed = catalogFileSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: zodIssuesToFieldErrors(parsed.error.issues) };
  const integrations = resolve(parsed.data);
  const errors = crossChecks(parsed.data, integrations);
  if (errors.length > 0) return { ok: false, errors };
  const { site, attribution: a, incidents: inc } = parsed.data;
  return {
    ok: true,
    catalog: {
      site,
      attribution: { windowMs: a.window, share: a.share, minPartners: a.minPartners },
      incidents: { settleMs: inc.settle, coolDownMs: inc.coolDown },
      integrations,
    },
  };
}
