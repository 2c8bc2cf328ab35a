import type { Category, Criticality, IntegrationRole, IntegrationSnapshot, Side, Status } from '@lifeline/shared';

/** One entry of `GET /api/integrations`: the catalog as the backend resolved it, with its live status. */
export interface CatalogIntegration {
  id: string;
  name: string;
  side: Side;
  category: Category;
  partner: string | null;
  criticality: Criticality;
  role: IntegrationRole;
  dependsOn: string[];
  clinician: { summary: string; fallback?: string; contact?: string } | null;
  checks: Array<{ id: string; kind: string; interval: number; timeout: number }>;
  status: IntegrationSnapshot | null;
}

export interface HistoryTransition {
  from: Status;
  to: Status;
  at: string;
  reasons: string[];
}

export interface HistoryResult {
  checkId: string;
  startedAt: string;
  durationMs: number;
  ok: boolean;
  errorClass: string | null;
  stage: string | null;
  message: string | null;
}

/** `GET /api/integrations/:id/history`: transitions oldest first, results newest first. */
export interface IntegrationHistory {
  id: string;
  from: string;
  to: string;
  transitions: HistoryTransition[];
  results: HistoryResult[];
}

export const API = {
  integrations: '/api/integrations',
  /** Without `to`, the backend answers up to its now: refetching the same key brings new results. */
  history: (id: string, from: number, limit = 10_000) => `/api/integrations/${encodeURIComponent(id)}/history?from=${iso(from)}&limit=${limit}`,
  incidents: '/api/incidents',
  incident: (id: string) => `/api/incidents/${encodeURIComponent(id)}`,
  ack: (id: string) => `/api/incidents/${encodeURIComponent(id)}/ack`,
  notes: (id: string) => `/api/incidents/${encodeURIComponent(id)}/notes`,
  authOptions: '/api/auth/options',
  login: '/api/auth/login',
  setup: '/api/auth/setup',
  oidcLogin: '/api/auth/oidc/login',
  users: '/api/users',
  user: (id: string) => `/api/users/${encodeURIComponent(id)}`,
  kioskTokens: '/api/kiosk-tokens',
  kioskToken: (id: string) => `/api/kiosk-tokens/${encodeURIComponent(id)}`,
  auditVerify: '/api/audit/verify',
  auditExport: '/api/audit/export',
} as const;

function iso(ms: number): string {
  return encodeURIComponent(new Date(ms).toISOString());
}
