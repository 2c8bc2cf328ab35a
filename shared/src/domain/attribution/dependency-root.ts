import type { Side, Status } from '../../contracts/words.js';

/** What the dependency walk needs to know of each integration. */
export interface DependencyNode {
  id: string;
  name?: string;
  side: Side;
  status: Status;
  dependsOn: readonly string[];
}

export interface FailingDependency {
  /** The root: a failing internal integration with no failing internal dependency of its own. */
  root: string;
  /** The ids from the first dependency down to the root, inclusive. */
  path: string[];
  /** Other roots also reached, if any. */
  others: string[];
}

/** An internal dependency counts as failing when degraded, down or in maintenance; unknown is no evidence. */
export function isFailingInternal(node: DependencyNode | undefined): boolean {
  return node !== undefined && node.side === 'internal' && (node.status === 'degraded' || node.status === 'down' || node.status === 'maintenance');
}

/**
 * Walks `dependsOn` transitively (through any integration, healthy or not), breadth first, and
 * returns the nearest failing internal root (ties in declaration order) with the shortest path
 * to it. A failing internal dependency that itself needs a failing internal one is not the root:
 * the deeper one is.
 */
export function findFailingDependency(id: string, byId: ReadonlyMap<string, DependencyNode>): FailingDependency | undefined {
  const failingBelow = new Map<string, boolean>();
  const hasFailingBelow = (nodeId: string): boolean => {
    const known = failingBelow.get(nodeId);
    if (known !== undefined) return known;
    failingBelow.set(nodeId, false); // guards against cycles, which the catalog refuses anyway
    const deps = byId.get(nodeId)?.dependsOn ?? [];
    const result = deps.some((d) => isFailingInternal(byId.get(d)) || hasFailingBelow(d));
    failingBelow.set(nodeId, result);
    return result;
  };
  const roots: { root: string; path: string[] }[] = [];
  const seen = new Set<string>([id]);
  const queue: string[][] = [[]];
  for (let path = queue.shift(); path; path = queue.shift()) {
    for (const depId of byId.get(path.at(-1) ?? id)?.dependsOn ?? []) {
      if (seen.has(depId) || !byId.has(depId)) continue;
      seen.add(depId);
      if (isFailingInternal(byId.get(depId)) && !hasFailingBelow(depId)) roots.push({ root: depId, path: [...path, depId] });
      queue.push([...path, depId]);
    }
  }
  const [first, ...rest] = roots;
  return first && { root: first.root, path: first.path, others: rest.map((r) => r.root) };
}
