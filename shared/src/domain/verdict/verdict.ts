import type { Attribution, Verdict } from '../../contracts/snapshot.js';
import type { Side, Status, VerdictCause } from '../../contracts/words.js';
import { worstStatus } from '../../contracts/words.js';

export interface VerdictInput {
  id: string;
  side: Side;
  status: Status;
  since: number;
  attribution: Attribution | null;
}

const AFFECTED: readonly Status[] = ['degraded', 'down'];

function sideStatus(items: readonly VerdictInput[]): Status {
  const counted = items.filter((i) => i.status !== 'maintenance');
  if (counted.length === 0) return items.length ? 'maintenance' : 'operational';
  // Unknown checks alone do not make a side look broken, but they do stop it looking healthy.
  return worstStatus(counted.map((i) => i.status), 'operational');
}

function time(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone }).format(ms);
}

/**
 * The wall's headline: internal and external status, the likely cause, since when, and one
 * plain sentence. A pure function of the integrations' states.
 */
export function computeVerdict(items: readonly VerdictInput[], previous: Verdict | undefined, now: number, timeZone = 'UTC'): Verdict {
  const internal = items.filter((i) => i.side === 'internal');
  const external = items.filter((i) => i.side === 'external');
  const internalStatus = sideStatus(internal);
  const externalStatus = sideStatus(external);
  const affectedInternal = internal.filter((i) => AFFECTED.includes(i.status));
  const affectedExternal = external.filter((i) => AFFECTED.includes(i.status));

  let cause: VerdictCause = 'none';
  if (affectedInternal.length > 0 || affectedExternal.some((i) => i.attribution?.cause === 'dependency')) cause = 'internal';
  else if (affectedExternal.some((i) => i.attribution?.cause === 'perimeter')) cause = 'perimeter';
  else if (affectedExternal.length > 0) cause = 'partners';

  const affected = [...affectedInternal, ...affectedExternal];
  const since = affected.length ? Math.min(...affected.map((i) => i.since)) : now;
  const unchanged = previous && previous.cause === cause && previous.internal === internalStatus && previous.external === externalStatus;
  const sinceIso = unchanged ? previous.since : new Date(since).toISOString();
  const at = time(Date.parse(sinceIso), timeZone);

  const hospital = affectedInternal.length === 0 ? 'Hospital systems normal.' : `${affectedInternal.length} hospital system${affectedInternal.length > 1 ? 's' : ''} affected since ${at}.`;
  let outside: string;
  if (affectedExternal.length === 0) outside = externalStatus === 'operational' ? 'All external links normal.' : 'External links not fully confirmed yet.';
  else {
    const n = `${affectedExternal.length} of ${external.length} external link${external.length > 1 ? 's' : ''}`;
    const how = affectedExternal.every((i) => i.status === 'degraded') ? 'slow' : 'degraded or down';
    const why =
      cause === 'internal' ? ' — likely caused inside the hospital.' : cause === 'perimeter' ? ' — likely our internet connection or provider, not the partners.' : ' — the partners concerned, not our side.';
    outside = `${n} ${how} since ${at}${why}`;
  }
  return { internal: internalStatus, external: externalStatus, cause, summary: `${hospital} ${outside}`, since: sinceIso };
}
