/**
 * The wall's headline.
 *
 *   computeVerdict(items: readonly VerdictInput[], previous: Verdict | undefined, now: number, timeZone = 'UTC'): Verdict
 *
 * - `internal` / `external`: the worst status of that side's integrations, ignoring those in
 *   maintenance (a side entirely in maintenance reads `maintenance`; an empty side `operational`).
 *   Unknown counts: it does not make a side broken, but it stops it looking healthy.
 *   Canaries (role canary) are reference points, not links the hospital uses: they are left out
 *   of both sides and of every count.
 * - `cause`, first match wins: `internal` when a hospital system is degraded or down, or a link
 *   fails through an internal dependency (also one in maintenance); `perimeter` when failing links
 *   are attributed to the perimeter; `partners` when external links fail otherwise; else `none`.
 * - `since`: when the current cause began. Kept from `previous` while the cause is unchanged;
 *   otherwise the earliest `since` of the integrations behind it (the roots for `internal`), and
 *   for `none` the latest status change (the last recovery).
 * - `summary`: one plain sentence (two at most), times as HH:MM in `timeZone`.
 */
import type { Attribution, Verdict } from '../../contracts/snapshot.js';
import type { IntegrationRole, Side, Status, VerdictCause } from '../../contracts/words.js';
import { worstStatus } from '../../contracts/words.js';
import { internalRoots, listNames, verdictSentence, type SentenceItem } from './verdict-sentence.js';

export interface VerdictInput {
  id: string;
  /** Used in the sentence; the id when absent. */
  name?: string;
  side: Side;
  partner?: string;
  role?: IntegrationRole;
  status: Status;
  /** Epoch ms when it entered its current status. */
  since: number;
  attribution: Attribution | null;
}

const failing = (i: VerdictInput): boolean => i.status === 'degraded' || i.status === 'down';

export function sideStatus(items: readonly Pick<VerdictInput, 'status'>[]): Status {
  const counted = items.filter((i) => i.status !== 'maintenance');
  if (counted.length === 0) return items.length ? 'maintenance' : 'operational';
  return worstStatus(counted.map((i) => i.status), 'operational');
}

export function verdictCause(items: readonly VerdictInput[]): VerdictCause {
  const bad = items.filter(failing);
  if (bad.some((i) => i.side === 'internal' || i.attribution?.cause === 'dependency')) return 'internal';
  if (bad.some((i) => i.attribution?.cause === 'perimeter')) return 'perimeter';
  if (bad.some((i) => i.side === 'external')) return 'partners';
  return 'none';
}

function earliest(items: readonly { since: number }[], fallback: number): number {
  return items.length ? Math.min(...items.map((i) => i.since)) : fallback;
}

function causeSince(cause: VerdictCause, services: readonly VerdictInput[], byId: ReadonlyMap<string, VerdictInput>, now: number): number {
  const bad = services.filter(failing);
  switch (cause) {
    case 'internal': {
      const roots = internalRoots({ items: services, byId }).flatMap((r) => byId.get(r.id) ?? []);
      return earliest(roots, earliest(bad.filter((i) => i.side === 'internal' || i.attribution?.cause === 'dependency'), now));
    }
    case 'perimeter':
      return earliest(bad.filter((i) => i.attribution?.cause === 'perimeter'), now);
    case 'partners':
      return earliest(bad.filter((i) => i.side === 'external'), now);
    case 'none':
      return services.length ? Math.min(now, Math.max(...services.map((i) => i.since))) : now;
  }
}

function verdictReasons(cause: VerdictCause, services: readonly VerdictInput[], byId: ReadonlyMap<string, SentenceItem>): string[] {
  const bad = services.filter(failing);
  const name = (i: SentenceItem): string => i.name ?? i.id;
  switch (cause) {
    case 'none': {
      const reasons = ['no integration is degraded or down'];
      const unknown = services.filter((i) => i.status === 'unknown');
      if (unknown.length) reasons.push(`no recent result from ${listNames(unknown.map(name))}`);
      return reasons;
    }
    case 'internal':
      return internalRoots({ items: services, byId }).map((r) => `${name(r)} inside the hospital is ${r.status}`).concat(
        bad.filter((i) => i.attribution?.cause === 'dependency').map((i) => `${name(i)}: ${i.attribution?.reasons?.[0] ?? 'fails through an internal dependency'}`),
      );
    case 'perimeter':
      return bad.find((i) => i.attribution?.cause === 'perimeter')?.attribution?.reasons ?? ['external links fail together'];
    case 'partners':
      return bad.filter((i) => i.side === 'external').map((i) => `${name(i)}: ${i.attribution?.reasons?.[0] ?? 'on the partner side'}`);
  }
}

/**
 * `previous`: the verdict shown until now (keeps `since` stable while the cause holds);
 * `timeZone`: the site's IANA zone for HH:MM in the sentence.
 */
export function computeVerdict(items: readonly VerdictInput[], previous: Verdict | undefined, now: number, timeZone = 'UTC'): Verdict {
  const services = items.filter((i) => i.role !== 'canary');
  const byId = new Map(items.map((i) => [i.id, i]));
  const internalStatus = sideStatus(services.filter((i) => i.side === 'internal'));
  const externalStatus = sideStatus(services.filter((i) => i.side === 'external'));
  const cause = verdictCause(services);
  const since = previous && previous.cause === cause ? Date.parse(previous.since) : causeSince(cause, services, byId, now);
  const summary = verdictSentence({ cause, items: services, byId, internalStatus, since, now, timeZone });
  return {
    internal: internalStatus,
    external: externalStatus,
    cause,
    summary,
    since: new Date(since).toISOString(),
    reasons: verdictReasons(cause, services, byId),
  };
}
