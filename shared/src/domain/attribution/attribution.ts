import type { Attribution } from '../../contracts/snapshot.js';
import type { Side, Status } from '../../contracts/words.js';

export interface AttributionInput {
  id: string;
  side: Side;
  partner?: string;
  status: Status;
  dependsOn: readonly string[];
}

const NOT_AFFECTED: readonly Status[] = ['operational', 'maintenance', 'unknown'];

/**
 * Walks internal dependencies transitively and returns the root one that is not
 * operational: the place to look first.
 */
function failingDependencyRoot(id: string, byId: ReadonlyMap<string, AttributionInput>, seen = new Set<string>()): string | undefined {
  const node = byId.get(id);
  if (!node || seen.has(id)) return undefined;
  seen.add(id);
  for (const depId of node.dependsOn) {
    const dep = byId.get(depId);
    if (!dep || dep.side !== 'internal' || NOT_AFFECTED.includes(dep.status)) continue;
    return failingDependencyRoot(depId, byId, seen) ?? depId;
  }
  return undefined;
}

/**
 * Attribution of each non-operational integration: an internal dependency first, then
 * the partner for externals, then itself.
 */
export function attribute(integrations: readonly AttributionInput[]): Map<string, Attribution | null> {
  const byId = new Map(integrations.map((i) => [i.id, i]));
  const out = new Map<string, Attribution | null>();
  for (const i of integrations) {
    if (NOT_AFFECTED.includes(i.status)) {
      out.set(i.id, null);
      continue;
    }
    const via = failingDependencyRoot(i.id, byId);
    if (via) out.set(i.id, { cause: 'dependency', via });
    else out.set(i.id, { cause: i.side === 'external' ? 'partner' : 'self' });
  }
  return out;
}
