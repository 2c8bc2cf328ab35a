import { CRITICALITIES, STATUS_SEVERITY } from '@lifeline/shared';
import type { IntegrationSnapshot } from '@lifeline/shared';

const CRITICALITY_RANK = new Map(CRITICALITIES.map((c, i) => [c, i]));

/**
 * Wall order: worst status first (down, degraded, unknown, maintenance, operational),
 * then most critical first (critical, high, medium, low), then by name for a stable wall.
 */
export function orderTiles(integrations: readonly IntegrationSnapshot[]): IntegrationSnapshot[] {
  return [...integrations].sort(
    (a, b) =>
      STATUS_SEVERITY[b.status] - STATUS_SEVERITY[a.status] ||
      (CRITICALITY_RANK.get(a.criticality) ?? 99) - (CRITICALITY_RANK.get(b.criticality) ?? 99) ||
      a.name.localeCompare(b.name, 'en'),
  );
}

/** Tile size class for the wall: fewer tiles get more room, ~60 still fit on one 1080p screen. */
export type Density = 'roomy' | 'normal' | 'compact' | 'dense';

export function densityFor(count: number): Density {
  if (count <= 12) return 'roomy';
  if (count <= 24) return 'normal';
  if (count <= 40) return 'compact';
  return 'dense';
}
