import type { Integration } from './catalog.js';
import type { IntegrationSnapshot } from './snapshot.js';

/** What the catalog says about an integration, without probe settings: safe to show to any reader. */
export interface IntegrationDescription {
  id: string;
  name: string;
  side: Integration['side'];
  category: Integration['category'];
  partner: string | null;
  criticality: Integration['criticality'];
  role: Integration['role'];
  dependsOn: string[];
  clinician: { summary: string; fallback?: string; contact?: string } | null;
}

/** One entry of `GET /api/integrations`. */
export interface IntegrationListEntry extends IntegrationDescription {
  checks: Array<{ id: string; kind: string; interval: number; timeout: number }>;
  status: IntegrationSnapshot | null;
}

export function describeIntegration(i: Integration): IntegrationDescription {
  return {
    id: i.id,
    name: i.name,
    side: i.side,
    category: i.category,
    partner: i.partner ?? null,
    criticality: i.criticality,
    role: i.role,
    dependsOn: i.dependsOn,
    clinician: i.clinician ?? null,
  };
}
