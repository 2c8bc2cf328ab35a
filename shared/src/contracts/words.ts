/** The words of the domain, as `as const` unions so both sides share one spelling. */
export const STATUSES = ['operational', 'degraded', 'down', 'unknown', 'maintenance'] as const;
export type Status = (typeof STATUSES)[number];

export const SIDES = ['internal', 'external'] as const;
export type Side = (typeof SIDES)[number];

export const CATEGORIES = [
  'lab',
  'regional-records',
  'insurer',
  'ehealth',
  'imaging',
  'pharmacy',
  'network',
  'application',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const CRITICALITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Criticality = (typeof CRITICALITIES)[number];

export const ROLES = ['service', 'canary'] as const;
export type IntegrationRole = (typeof ROLES)[number];

export const ATTRIBUTION_CAUSES = ['self', 'dependency', 'perimeter', 'partner'] as const;
export type AttributionCause = (typeof ATTRIBUTION_CAUSES)[number];

export const VERDICT_CAUSES = ['none', 'internal', 'perimeter', 'partners'] as const;
export type VerdictCause = (typeof VERDICT_CAUSES)[number];

/** Why a probe failed, in the classes DESIGN.md names; the wall and the audit print them. */
export const ERROR_CLASSES = [
  'timeout',
  'refused',
  'reset',
  'dns',
  'tls',
  'http-status',
  'assertion',
  'nak',
  'stale',
  'protocol',
  'too-large',
  'unreachable',
  'internal',
] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

/** Where in a probe's conversation it failed. */
export const FAILURE_STAGES = ['dns', 'connect', 'tls', 'send', 'response', 'assert'] as const;
export type FailureStage = (typeof FAILURE_STAGES)[number];

/** Severity order for "worst of" and for sorting tiles: higher is worse. */
export const STATUS_SEVERITY: Record<Status, number> = {
  operational: 0,
  maintenance: 1,
  unknown: 2,
  degraded: 3,
  down: 4,
};

export function worstStatus(statuses: readonly Status[], empty: Status = 'unknown'): Status {
  if (statuses.length === 0) return empty;
  return statuses.reduce((worst, s) => (STATUS_SEVERITY[s] > STATUS_SEVERITY[worst] ? s : worst));
}
