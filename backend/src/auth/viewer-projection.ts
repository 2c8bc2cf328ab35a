import {
  ERROR_CLASSES,
  type ErrorClass,
  type IncidentSnapshot,
  type IntegrationListEntry,
  type IntegrationRefresh,
  type IntegrationSnapshot,
  type Snapshot,
  type Verdict,
} from '@lifeline/shared';

/**
 * What viewers and wall screens may see: the picture, without what reveals the inside — no
 * probe targets (hosts, addresses, ports, URLs, file paths), no raw error details, no notes.
 * Operators and admins get the unprojected data. Pure functions; events keep their `seq`.
 */

/** A failure in plain, generic words by its class: what happened, not where. */
export const GENERIC_FAILURE: Record<ErrorClass, string> = {
  timeout: 'no answer in time',
  refused: 'connection refused',
  reset: 'connection reset',
  dns: 'name not found',
  tls: 'secure connection failed',
  'http-status': 'unexpected answer status',
  assertion: 'unexpected answer',
  nak: 'message rejected',
  stale: 'no recent data',
  protocol: 'unexpected answer',
  'too-large': 'answer too large',
  unreachable: 'network unreachable',
  internal: 'check could not run',
};

const HIDDEN = '[hidden]';
/** `(refused: connect ECONNREFUSED 10.0.0.5:6661)` at the end of a check's reason: the domain's wording. */
const FAILURE_DETAIL = new RegExp(`\\((${ERROR_CLASSES.map((c) => c.replace('-', '\\-')).join('|')}): [\\s\\S]*\\)$`);
const SCRUBBERS: Array<[RegExp, string]> = [
  // URLs of any scheme.
  [/\b[a-z][a-z0-9+.-]*:\/\/[^\s)"']+/gi, HIDDEN],
  // File paths of two or more segments.
  [/(?<![\w.])(?:\/[\w.-]+){2,}\/?/g, HIDDEN],
  // IPv4, with an optional port.
  [/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b/g, HIDDEN],
  // IPv6 (with :: or at least four colons), optionally bracketed with a port.
  [/\[?\b(?:[0-9a-f]{1,4}:){1,7}:(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4})*)?\]?(?::\d{1,5})?|\[?\b(?:[0-9a-f]{1,4}:){4,7}[0-9a-f]{1,4}\b\]?(?::\d{1,5})?/gi, HIDDEN],
  // host:port where the host has a letter (so 07:30 stays a time).
  [/\b(?=[a-z0-9.-]*[a-z])[a-z0-9-]+(?:\.[a-z0-9-]+)*:\d{1,5}\b/gi, HIDDEN],
  // Dotted host names: labels ending in a top-level label that starts with a letter.
  [/\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*\b/gi, HIDDEN],
  // "port 6661".
  [/\bport \d{1,5}\b/gi, `port ${HIDDEN}`],
];

/** One reason without internals: a failure's details become generic words; addresses are hidden. */
export function projectReason(reason: string): string {
  const generic = reason.replace(FAILURE_DETAIL, (_m, cls: ErrorClass) => `(${GENERIC_FAILURE[cls]})`);
  return SCRUBBERS.reduce((text, [re, replacement]) => text.replace(re, replacement), generic);
}

const reasons = (list: readonly string[] | undefined) => list?.map(projectReason);

/** `Ann Peeters <ann@uzgent.be>` → `Ann Peeters`: viewers see who, not their address. */
export function projectActor(by: string): string {
  const m = /^(.*?)\s*<[^<>]*>$/.exec(by);
  const name = m ? m[1] : by;
  return name.includes('@') ? 'an operator' : name || 'an operator';
}

export function projectIntegration(i: IntegrationSnapshot): IntegrationSnapshot {
  return {
    ...i,
    reasons: reasons(i.reasons)!,
    attribution: i.attribution ? { ...i.attribution, ...(i.attribution.reasons ? { reasons: reasons(i.attribution.reasons) } : {}) } : null,
    ...(i.maintenance ? { maintenance: { ...i.maintenance, reason: projectReason(i.maintenance.reason) } } : {}),
  };
}

export function projectVerdict(v: Verdict): Verdict {
  return { ...v, summary: projectReason(v.summary), ...(v.reasons ? { reasons: reasons(v.reasons) } : {}) };
}

/** Acknowledged by whom and when stays; notes (free text by operators) do not. */
export function projectIncident(i: IncidentSnapshot): IncidentSnapshot {
  return {
    ...i,
    title: projectReason(i.title),
    timeline: i.timeline.map((e) => ({ at: e.at, text: projectReason(e.text) })),
    acknowledgements: i.acknowledgements.map((a) => ({ by: projectActor(a.by), at: a.at })),
    notes: [],
  };
}

export function projectSnapshot(s: Snapshot): Snapshot {
  return {
    ...s,
    verdict: projectVerdict(s.verdict),
    integrations: s.integrations.map(projectIntegration),
    incidents: s.incidents.map(projectIncident),
  };
}

/** A `/live` event as viewers get it: same name, same seq. */
export function projectLiveEvent(name: string, payload: unknown): unknown {
  const p = payload as Record<string, unknown>;
  switch (name) {
    case 'snapshot':
      return projectSnapshot(payload as Snapshot);
    case 'integration.updated':
      return { ...p, integration: projectIntegration(p.integration as IntegrationSnapshot) };
    case 'integrations.refreshed':
      return { ...p, integrations: (p.integrations as IntegrationRefresh[]).map((i) => ({ ...i, reasons: reasons(i.reasons)! })) };
    case 'verdict.updated':
      return { ...p, verdict: projectVerdict(p.verdict as Verdict) };
    case 'incident.opened':
    case 'incident.updated':
    case 'incident.resolved':
      return { ...p, incident: projectIncident(p.incident as IncidentSnapshot) };
    default:
      return payload;
  }
}

/** `GET /api/integrations` for viewers: of each check only its kind and interval. */
export function projectIntegrationEntry(e: IntegrationListEntry): Omit<IntegrationListEntry, 'checks'> & { checks: Array<{ kind: string; interval: number }> } {
  return { ...e, checks: e.checks.map((c) => ({ kind: c.kind, interval: c.interval })), status: e.status ? projectIntegration(e.status) : null };
}

interface HistoryResult {
  errorClass: string | null;
  message: string | null;
  [k: string]: unknown;
}
interface HistoryTransition {
  reasons: string[] | null;
  [k: string]: unknown;
}

/** History for viewers: each failed result says its class in generic words; transitions' reasons projected. */
export function projectHistory<H extends { results: HistoryResult[]; transitions: HistoryTransition[] }>(h: H): H {
  return {
    ...h,
    results: h.results.map((r) => ({ ...r, message: r.errorClass ? (GENERIC_FAILURE[r.errorClass as ErrorClass] ?? 'failed') : r.message === null ? null : projectReason(r.message) })),
    transitions: h.transitions.map((t) => ({ ...t, reasons: t.reasons ? reasons(t.reasons)! : t.reasons })),
  };
}
