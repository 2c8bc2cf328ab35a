/**
 * Attribution of each non-operational integration: where to look first.
 *
 *   attribute(integrations: readonly AttributionInput[], now: number, options?: Partial<PerimeterOptions>): AttributionReport
 *
 * Only degraded and down integrations are attributed; operational, unknown and maintenance
 * ones get `null`. In order, the first rule that applies wins:
 *
 * 1. `dependency` — an internal dependency, followed transitively through `dependsOn`, is
 *    degraded, down or in maintenance; `via` names the root one (the failing internal
 *    integration that has no failing internal dependency itself).
 * 2. `self` — an internal integration failing on its own.
 * 3. `perimeter` — many external links fail together while nothing inside does (see
 *    `assessPerimeter`): every failing external link, and every failing canary, is attributed to it.
 * 4. `partner` — an external link when there is no common cause outside: the partner's side.
 *    Also when the share is met but healthy canaries show our connection works.
 * 5. `self` — anything else: an external link without a partner, or one failing while many
 *    partners fail at once but a hospital system fails too (the cause cannot be placed).
 *
 * The window needs a little history per integration: `lastAffectedAt` (the last moment it was
 * degraded or down; keep it with `updateLastAffectedAt`) and `suspect` (failing or slow answers
 * not yet turned into a status by hysteresis; see `isSuspect`). Both only feed the perimeter count.
 */
import type { Attribution } from '../../contracts/snapshot.js';
import type { IntegrationRole } from '../../contracts/words.js';
import { isAffected } from './affected.js';
import { findFailingDependency, type DependencyNode } from './dependency-root.js';
import { assessPerimeter, DEFAULT_PERIMETER_OPTIONS, type PerimeterAssessment, type PerimeterItem, type PerimeterOptions } from './perimeter.js';

export interface AttributionInput extends DependencyNode, PerimeterItem {
  id: string;
  /** Used in reasons; the id when absent. */
  name?: string;
  partner?: string;
  /** `canary`: a neutral outside reference, used only to locate a fault. Default `service`. */
  role?: IntegrationRole;
}

export interface AttributionReport {
  /** One entry per input id: `null` when there is nothing to attribute. */
  byId: Map<string, Attribution | null>;
  perimeter: PerimeterAssessment;
}

function describeDependency(item: AttributionInput, byId: ReadonlyMap<string, AttributionInput>): Attribution | null {
  const found = findFailingDependency(item.id, byId);
  if (!found) return null;
  const name = (id: string): string => byId.get(id)?.name ?? id;
  const root = byId.get(found.root);
  const rootState = root?.status === 'maintenance' ? 'in maintenance' : (root?.status ?? 'failing');
  const through = found.path.length > 1 ? ` (through ${found.path.slice(0, -1).map(name).join(' → ')})` : '';
  const reasons = [`needs ${name(found.root)}${through}, which is ${rootState}`];
  if (found.others.length) reasons.push(`also failing underneath: ${found.others.map(name).join(', ')}`);
  return { cause: 'dependency', via: found.root, reasons };
}

function describePartner(item: AttributionInput, perimeter: PerimeterAssessment): Attribution {
  const partner = item.partner ?? item.id;
  if (perimeter.pattern && perimeter.blockedBy.length) {
    return { cause: 'self', reasons: ['many partners fail at once, but so does a hospital system: cannot tell where the cause is', ...perimeter.reasons] };
  }
  return { cause: 'partner', reasons: [`on ${partner}'s side`, ...perimeter.reasons] };
}

export function attribute(integrations: readonly AttributionInput[], now: number, options: Partial<PerimeterOptions> = {}): AttributionReport {
  const byId = new Map(integrations.map((i) => [i.id, i]));
  const dependency = new Map<string, Attribution>();
  for (const i of integrations) {
    const found = describeDependency(i, byId);
    if (found) dependency.set(i.id, found);
  }
  const perimeter = assessPerimeter(integrations, new Set(dependency.keys()), now, { ...DEFAULT_PERIMETER_OPTIONS, ...options });

  const out = new Map<string, Attribution | null>();
  for (const i of integrations) {
    if (!isAffected(i.status)) out.set(i.id, null);
    else if (dependency.has(i.id)) out.set(i.id, dependency.get(i.id)!);
    else if (i.side === 'internal' && i.role !== 'canary') out.set(i.id, { cause: 'self', reasons: ['no failing dependency: the fault is in this system itself'] });
    else if (perimeter.holds) out.set(i.id, { cause: 'perimeter', reasons: [...perimeter.reasons] });
    else if (i.side === 'external' && i.partner) out.set(i.id, describePartner(i, perimeter));
    else out.set(i.id, { cause: 'self', reasons: ['no partner named and no common cause found'] });
  }
  return { byId: out, perimeter };
}
