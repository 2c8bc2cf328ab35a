import { STATUS_SEVERITY } from '@lifeline/shared';
import type { Category, IntegrationSnapshot, Status } from '@lifeline/shared';
import type { CatalogIntegration } from '../../api/types';

/** A data source as clinicians name it; e-prescriptions are told apart from other eHealth/pharmacy links. */
export type SourceKind = Category | 'prescriptions';

const KIND_ORDER: readonly SourceKind[] = ['lab', 'regional-records', 'insurer', 'prescriptions', 'imaging', 'ehealth', 'pharmacy', 'network', 'application'];

const PRESCRIPTION = /prescri|recip-?e|voorschrift|ordonnance/i;

export function sourceKindOf(i: { category: Category; id: string; name: string; clinicianSummary?: string }): SourceKind {
  const prescribing = (i.category === 'ehealth' || i.category === 'pharmacy') && PRESCRIPTION.test(`${i.id} ${i.name} ${i.clinicianSummary ?? ''}`);
  return prescribing ? 'prescriptions' : i.category;
}

/** How late data from a source may be: known from the server, measured from when it went down, or just "late". */
export type Lateness = { kind: 'none' } | { kind: 'upTo'; ms: number } | { kind: 'some' };

export interface ClinicianSource {
  id: string;
  kind: SourceKind;
  partner?: string;
  /** The catalog's words for clinicians ("Results of tests sent to the Synlab lab"), when it has them. */
  summary?: string;
  fallback?: string;
  contact?: string;
  status: Status;
  /** Epoch ms of the last status change. */
  since: number;
  lateness: Lateness;
  /** Epoch ms a planned maintenance ends. */
  maintenanceUntil?: number;
}

/**
 * The outside data sources a clinician cares about: external links that are not canaries, in
 * plain terms, worst first, then in a fixed order of kinds so the page does not jump about.
 */
export function clinicianSources(integrations: readonly IntegrationSnapshot[], catalog: readonly CatalogIntegration[] | undefined, now: number): ClinicianSource[] {
  const texts = new Map((catalog ?? []).map((c) => [c.id, c.clinician]));
  return integrations
    .filter((i) => i.side === 'external' && i.role !== 'canary')
    .map((i): ClinicianSource => {
      const text = texts.get(i.id) ?? undefined;
      const since = Date.parse(i.since);
      const end = i.maintenance ? Date.parse(i.maintenance.end) : NaN;
      return {
        id: i.id,
        kind: sourceKindOf({ category: i.category, id: i.id, name: i.name, clinicianSummary: text?.summary }),
        partner: i.partner,
        summary: text?.summary,
        fallback: text?.fallback,
        contact: text?.contact,
        status: i.status,
        since,
        lateness: latenessOf(i, now),
        ...(Number.isFinite(end) ? { maintenanceUntil: end } : {}),
      };
    })
    .sort((a, b) => STATUS_SEVERITY[b.status] - STATUS_SEVERITY[a.status] || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || (a.partner ?? '').localeCompare(b.partner ?? ''));
}

export function latenessOf(i: Pick<IntegrationSnapshot, 'status' | 'since' | 'delay'>, now: number): Lateness {
  if (i.status !== 'degraded' && i.status !== 'down') return { kind: 'none' };
  if (typeof i.delay === 'number' && i.delay > 0) return { kind: 'upTo', ms: i.delay };
  const since = Date.parse(i.since);
  if (i.status === 'down' && Number.isFinite(since)) return { kind: 'upTo', ms: Math.max(0, now - since) };
  return { kind: 'some' };
}

export type HospitalState = { kind: 'normal' } | { kind: 'problems' | 'unknown' | 'maintenance'; names: string[] };

/** The hospital's own systems in one line: normal, or which are not. */
export function hospitalState(integrations: readonly IntegrationSnapshot[]): HospitalState {
  const inside = integrations.filter((i) => i.side === 'internal' && i.role !== 'canary');
  const named = (statuses: Status[]) => inside.filter((i) => statuses.includes(i.status)).map((i) => i.name);
  const failing = named(['degraded', 'down']);
  if (failing.length) return { kind: 'problems', names: failing };
  const unknown = named(['unknown']);
  if (unknown.length) return { kind: 'unknown', names: unknown };
  const maintenance = named(['maintenance']);
  if (maintenance.length) return { kind: 'maintenance', names: maintenance };
  return { kind: 'normal' };
}
