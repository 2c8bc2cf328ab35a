import { z } from 'zod';
import { INCIDENT_KINDS, MEMBER_EXITS } from './incident.js';
import { SIDES, STATUSES } from './words.js';

/**
 * The audit export as a document (`GET /api/audit/export?format=json`). The CSV and PDF
 * formats carry the same sections; see the README for the CSV layout. Every time is ISO
 * 8601 in the site's time zone with its offset: `2025-03-04T07:31:00.000+01:00`.
 */
export const AUDIT_EXPORT_FORMATS = ['csv', 'json', 'pdf'] as const;
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

/** Names this document's shape; bumped when a field changes meaning or goes away. */
export const AUDIT_EXPORT_SCHEMA = 'lifeline.audit-export/1';

/** The response header carrying the SHA-256 (hex) of the exact bytes of an export. */
export const EXPORT_DIGEST_HEADER = 'X-Content-SHA256';

const zonedTime = z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?[+-]\d\d:\d\d$/, 'expected an ISO 8601 time with offset');
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 in hex');

export const auditChainHeadSchema = z.strictObject({ seq: z.number().int().nonnegative(), hash: sha256Hex });
export type AuditChainHead = z.output<typeof auditChainHeadSchema>;

export const auditExportHeaderSchema = z.strictObject({
  schema: z.literal(AUDIT_EXPORT_SCHEMA),
  exportId: z.string().min(1),
  site: z.strictObject({ name: z.string(), timezone: z.string() }),
  window: z.strictObject({ from: zonedTime, to: zonedTime }),
  generatedAt: zonedTime,
  /** Only these integrations (null: all). */
  integrations: z.array(z.string()).nullable(),
  /** The audit log's last row when the export was made (null: the log was empty). */
  chainHead: auditChainHeadSchema.nullable(),
  /** Where the export's own SHA-256 is published: it cannot be inside the bytes it covers. */
  digest: z.strictObject({ algorithm: z.literal('sha256'), header: z.string(), sidecar: z.string() }),
  /** How the summaries' figures are computed, in plain words. */
  definitions: z.record(z.string(), z.string()),
});
export type AuditExportHeader = z.output<typeof auditExportHeaderSchema>;

export const auditExportIncidentSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  kind: z.enum(INCIDENT_KINDS),
  key: z.string(),
  /** The likely cause, as the incident grouped it: `perimeter`, `internal` (via subject), `partner` (subject), `integration` (subject). */
  attribution: z.strictObject({ cause: z.enum(INCIDENT_KINDS), subject: z.string().nullable() }),
  status: z.enum(STATUSES),
  worst: z.enum(['degraded', 'down']),
  start: zonedTime,
  /** Null while still open. */
  end: zonedTime.nullable(),
  /** end − start; for an open incident, up to generatedAt. */
  durationSeconds: z.number().nonnegative(),
  ongoing: z.boolean(),
  mergedInto: z.string().nullable(),
  members: z.array(
    z.strictObject({
      integrationId: z.string(),
      name: z.string(),
      side: z.enum(SIDES),
      partner: z.string().nullable(),
      joinedAt: zonedTime,
      leftAt: zonedTime.nullable(),
      leftAs: z.enum(MEMBER_EXITS).nullable(),
      movedTo: z.string().nullable(),
      status: z.enum(STATUSES),
      worst: z.enum(['degraded', 'down']),
    }),
  ),
  acknowledgements: z.array(z.strictObject({ by: z.string(), at: zonedTime, note: z.string().nullable() })),
  notes: z.array(z.strictObject({ by: z.string(), at: zonedTime, text: z.string() })),
  timeline: z.array(z.strictObject({ at: zonedTime, text: z.string() })),
});
export type AuditExportIncident = z.output<typeof auditExportIncidentSchema>;

export const auditExportTransitionSchema = z.strictObject({
  at: zonedTime,
  integrationId: z.string(),
  integrationName: z.string().nullable(),
  from: z.enum(STATUSES),
  to: z.enum(STATUSES),
  reasons: z.array(z.string()),
});
export type AuditExportTransition = z.output<typeof auditExportTransitionSchema>;

const secondsIn = z.number().nonnegative();

export const auditExportSummarySchema = z.strictObject({
  integrationId: z.string(),
  name: z.string().nullable(),
  side: z.enum(SIDES).nullable(),
  partner: z.string().nullable(),
  results: z.number().int().nonnegative(),
  failures: z.number().int().nonnegative(),
  /** Share of results that were ok, 0–1; null without results. */
  availability: z.number().min(0).max(1).nullable(),
  /** Of successful results; null without any. */
  latencyMs: z.strictObject({ p50: z.number().nullable(), p95: z.number().nullable(), max: z.number().nullable() }),
  /** Time spent in each status within the window, from the state transitions. */
  secondsIn: z.strictObject({ operational: secondsIn, degraded: secondsIn, down: secondsIn, unknown: secondsIn, maintenance: secondsIn }),
});
export type AuditExportSummary = z.output<typeof auditExportSummarySchema>;

export const auditExportDocumentSchema = z.strictObject({
  header: auditExportHeaderSchema,
  incidents: z.array(auditExportIncidentSchema),
  transitions: z.array(auditExportTransitionSchema),
  summaries: z.array(auditExportSummarySchema),
});
export type AuditExportDocument = z.output<typeof auditExportDocumentSchema>;

/**
 * What the audit log records; `subject` names the integration, incident, maintenance window,
 * catalog, export, user or kiosk token concerned.
 */
export const AUDIT_LOG_KINDS = [
  'transition',
  'incident.opened',
  'incident.updated',
  'incident.resolved',
  'incident.acknowledged',
  'incident.note',
  'maintenance.planned',
  'maintenance.cancelled',
  'catalog.loaded',
  'catalog.changed',
  'export.generated',
  'audit.dropped',
  // Sign-in administration (backend/src/auth): people, roles, kiosk tokens.
  'user.created',
  'user.updated',
  'user.password-changed',
  'user.linked-to-directory',
  'kiosk-token.created',
  'kiosk-token.revoked',
] as const;
export type AuditLogKind = (typeof AUDIT_LOG_KINDS)[number];

/** `GET /api/audit/verify`. */
export interface AuditVerifyResult {
  ok: boolean;
  /** Rows checked. */
  rows: number;
  head: AuditChainHead | null;
  /** The first row whose hash or link does not match, and why. */
  firstBroken?: { seq: number; at: string; kind: string; reason: string };
}
