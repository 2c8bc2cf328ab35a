import type { IntegrationRole, Side, Status } from '../../contracts/words.js';
import { isAffected, troubledWithin, type RecentFailure } from './affected.js';

export interface PerimeterOptions {
  /** How far back a recovered link still counts as failing together with the others. */
  windowMs: number;
  /** Share of the counted external links that must be troubled, inclusive (0.5: 5 of 10 is enough). */
  share: number;
  /** Distinct partners the troubled links must span. */
  minPartners: number;
}

export const DEFAULT_PERIMETER_OPTIONS: PerimeterOptions = { windowMs: 5 * 60_000, share: 0.5, minPartners: 2 };

export interface PerimeterItem extends RecentFailure {
  id: string;
  name?: string;
  side: Side;
  partner?: string;
  role?: IntegrationRole;
  status: Status;
  /** Epoch ms when it entered its current status; the earliest among the failing links dates the trouble. */
  since?: number;
  /**
   * Epoch ms of its latest result. A canary whose latest result came before the trouble began
   * vouches for nothing yet (it was not asked since). Omitted: taken as current.
   */
  lastCheckedAt?: number;
}

export type CanaryEvidence = 'none' | 'healthy' | 'failing';

export interface PerimeterAssessment {
  /** Many external links fail together and nothing speaks against the perimeter. */
  holds: boolean;
  /** The share and partner rule alone is met. */
  pattern: boolean;
  /** External links (not canaries, not in maintenance, not failing through an internal dependency) ... */
  counted: number;
  /** ... and how many of them are troubled within the window. */
  troubled: number;
  /** Distinct partners of the troubled links. */
  partners: string[];
  canaries: CanaryEvidence;
  /** Internal systems degraded or down: with those, the cause cannot be placed outside. */
  blockedBy: string[];
  reasons: string[];
}

const nameOf = (i: PerimeterItem): string => i.name ?? i.id;

function list(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  const shown = names.length > 4 ? [...names.slice(0, 3), `${names.length - 3} more`] : names;
  return `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

/** Whether an item has answered since `moment` (always, when either is unknown). */
const answeredSince = (item: PerimeterItem, moment: number | undefined): boolean =>
  moment === undefined || item.lastCheckedAt === undefined || item.lastCheckedAt >= moment;

interface CanaryReport {
  evidence: CanaryEvidence;
  failing: PerimeterItem[];
  healthy: PerimeterItem[];
  /** Operational, but not asked since the trouble began: no evidence either way yet. */
  unasked: PerimeterItem[];
}

function canaryEvidence(canaries: readonly PerimeterItem[], now: number, windowMs: number, troubleSince: number | undefined): CanaryReport {
  const failing = canaries.filter((c) => troubledWithin(c, now, windowMs));
  const calm = canaries.filter((c) => c.status === 'operational' && !troubledWithin(c, now, windowMs));
  const healthy = calm.filter((c) => answeredSince(c, troubleSince));
  const unasked = calm.filter((c) => !answeredSince(c, troubleSince));
  const evidence: CanaryEvidence = failing.length ? 'failing' : healthy.length ? 'healthy' : 'none';
  return { evidence, failing, healthy, unasked };
}

/**
 * Decides whether external links are failing together because of something between the hospital
 * and the partners (uplink, provider, DDoS):
 *
 * - counted: external links that are not canaries, not in maintenance and not already explained
 *   by a failing internal dependency (`explained`);
 * - troubled: counted links degraded or down now, recovered less than `windowMs` ago, or already
 *   answering badly before hysteresis turned them (suspect);
 * - the pattern: troubled / counted >= share, across >= minPartners distinct partners;
 * - ruled out while an internal (non-canary) integration is degraded or down; internal ones that
 *   are unknown or in maintenance do not rule it out;
 * - canaries (role canary, not in maintenance, not explained): any troubled one confirms; all
 *   healthy (operational, untroubled, and asked since the trouble began) points at the partners
 *   instead: no perimeter; none usable (absent, unknown, in maintenance, or last asked before the
 *   trouble began): the pattern decides alone. The trouble begins at the earliest `since` of the
 *   counted links now degraded or down: at the onset of a wave the first link can turn degraded
 *   before the canary's next check, and its answer from before the wave proves nothing.
 */
export function assessPerimeter(
  items: readonly PerimeterItem[],
  explained: ReadonlySet<string>,
  now: number,
  options: PerimeterOptions = DEFAULT_PERIMETER_OPTIONS,
): PerimeterAssessment {
  const { windowMs, share, minPartners } = options;
  const usable = items.filter((i) => i.status !== 'maintenance' && !explained.has(i.id));
  const counted = usable.filter((i) => i.side === 'external' && i.role !== 'canary');
  const troubled = counted.filter((i) => troubledWithin(i, now, windowMs));
  const partners = [...new Set(troubled.map((i) => i.partner ?? i.id))];
  const pattern = counted.length > 0 && troubled.length / counted.length >= share && partners.length >= minPartners;
  const blocked = items.filter((i) => i.side === 'internal' && i.role !== 'canary' && isAffected(i.status));
  const failingSince = counted.flatMap((i) => (isAffected(i.status) && i.since !== undefined ? [i.since] : []));
  const troubleSince = failingSince.length ? Math.min(...failingSince) : undefined;
  const canaries = canaryEvidence(usable.filter((i) => i.role === 'canary'), now, windowMs, troubleSince);
  const holds = pattern && blocked.length === 0 && canaries.evidence !== 'healthy';

  const minutes = `${Math.round(windowMs / 60_000)} min`;
  const partnerWord = `${partners.length} partner${partners.length === 1 ? '' : 's'}`;
  const reasons = [`${troubled.length} of ${counted.length} external links troubled within the last ${minutes}, across ${partnerWord}`];
  if (!pattern) {
    if (counted.length === 0) reasons[0] = 'no external link to compare';
    else if (troubled.length / counted.length < share) reasons.push(`below the ${Math.round(share * 100)}% needed for a common cause outside`);
    else reasons.push(`fewer than ${minPartners} partners: not a common cause outside`);
  } else if (blocked.length) {
    reasons.push(`but ${list(blocked.map(nameOf))} inside the hospital ${blocked.length === 1 ? 'is' : 'are'} failing too, so the cause cannot be placed outside`);
  } else if (canaries.evidence === 'healthy') {
    reasons.push(`but the reference point${canaries.healthy.length === 1 ? '' : 's'} ${list(canaries.healthy.map(nameOf))} ${canaries.healthy.length === 1 ? 'is' : 'are'} healthy: our connection works, so the partners are the cause`);
  } else {
    reasons.push('hospital systems are fine: likely our internet connection or provider, not the partners');
    if (canaries.evidence === 'failing') reasons.push(`confirmed by the reference point${canaries.failing.length === 1 ? '' : 's'} ${list(canaries.failing.map(nameOf))}, failing too`);
    else if (canaries.unasked.length) {
      const one = canaries.unasked.length === 1;
      reasons.push(`the reference point${one ? '' : 's'} ${list(canaries.unasked.map(nameOf))} ${one ? 'has' : 'have'} not been checked since the links began failing: not confirmed yet`);
    } else reasons.push('no reference point (canary) to confirm it');
  }
  return { holds, pattern, counted: counted.length, troubled: troubled.length, partners, canaries: canaries.evidence, blockedBy: blocked.map((i) => i.id), reasons };
}
