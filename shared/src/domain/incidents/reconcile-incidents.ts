/**
 * Incidents as a pure reducer over successive evaluations.
 *
 *   reconcileIncidents(open: readonly IncidentState[], current: readonly IncidentInput[], now: number,
 *                      options?: Partial<IncidentOptions>): { open: IncidentState[]; events: IncidentChange[] }
 *
 * Call it after every evaluation with the incidents still open and every integration's status
 * and attribution; it returns the incidents now open and what happened to each
 * (`opened` | `updated` | `resolved`, at most one event per incident per call).
 *
 * - Grouping: one incident per common cause (see `incidentGroupFor`): the perimeter, an internal
 *   system with everything failing through it, a partner, or a link on its own.
 * - Members join and leave; a member that left stays listed with `leftAt` and `leftAs`
 *   (`recovered`, `maintenance`, `moved`, `removed`). A member with no recent result (unknown)
 *   stays in: its recovery is not proven.
 * - Regrouping: when a common cause forms (perimeter, internal) and has no open incident yet, the
 *   oldest open incident whose failing members all now belong to it is re-keyed into it (same id,
 *   same opening time): one partner slowing first and the perimeter forming next stays one
 *   incident. Any other incident emptied that way is resolved with `mergedInto`. Links leaving a
 *   common cause for a narrower one (the perimeter passes but one partner stays down) move to a
 *   new or existing incident of their own; the common-cause incident then closes normally.
 * - Settling: a narrow cause (partner, single link) is the fallback explanation and may be refined
 *   a moment later (the engine's own check fails a few seconds after the links through it; links
 *   recover a few seconds after the engine). So a narrow incident opens only once one of its
 *   links has been failing for `settleMs`, and a member leaves a common-cause incident for a
 *   narrow one only once that has lasted `settleMs` (`pendingMoveSince`). Common causes open and
 *   absorb at once.
 * - Cool-down: when every member has left and the last one recovered, the incident stays open
 *   (status `operational`) until `coolDownMs` has passed since that recovery. A member failing
 *   again sooner continues the same incident, so a flapping link makes one incident, not a storm.
 *   The incident is then resolved with `resolvedAt` = the moment its last member left.
 *   Incidents emptied only by moves, maintenance or removal resolve at once; when all their
 *   members moved to one incident, `mergedInto` names it.
 */
import type { IncidentChange, IncidentMember, IncidentState, MemberExit } from '../../contracts/incident.js';
import { STATUS_SEVERITY, worstStatus } from '../../contracts/words.js';
import { incidentGroupFor, isCommonCause, type IncidentGroup, type IncidentInput } from './incident-groups.js';

export interface IncidentOptions {
  /**
   * How long after the last recovery a failure still continues the same incident. Default 5 min,
   * like the perimeter window: a link that flaps with less than 5 min of health in between stays
   * one incident.
   */
  coolDownMs: number;
  /**
   * How long a partner or single-link failure waits before it opens an incident of its own
   * (about one check interval; default 30 s), so a link that fails a moment before its common
   * cause is recognised joins that cause's incident instead. Common causes open at once.
   */
  settleMs: number;
  /** Id for a new incident. Default `<key>@<epoch ms>`, unique because a key has one open incident at a time. */
  newId: (key: string, now: number) => string;
}

export const DEFAULT_INCIDENT_OPTIONS: IncidentOptions = { coolDownMs: 5 * 60_000, settleMs: 30_000, newId: (key, now) => `${key}@${now}` };

export interface ReconcileResult {
  open: IncidentState[];
  events: IncidentChange[];
}

interface Work {
  incident: IncidentState;
  created: boolean;
  changed: boolean;
  resolved: boolean;
}

const isIn = (m: IncidentMember): boolean => m.leftAt === undefined;
const worse = (a: 'degraded' | 'down', b: 'degraded' | 'down'): 'degraded' | 'down' => (a === 'down' || b === 'down' ? 'down' : 'degraded');

/** A copy this call may change freely; timeline entries are only ever appended, never edited. */
const copy = (i: IncidentState): IncidentState => ({ ...i, members: i.members.map((m) => ({ ...m })), timeline: [...i.timeline] });

function duration(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`;
}

export function reconcileIncidents(
  open: readonly IncidentState[],
  current: readonly IncidentInput[],
  now: number,
  options: Partial<IncidentOptions> = {},
): ReconcileResult {
  const { coolDownMs, settleMs, newId } = { ...DEFAULT_INCIDENT_OPTIONS, ...options };
  const byId = new Map(current.map((i) => [i.id, i]));
  const works: Work[] = open
    .filter((i) => i.resolvedAt === undefined)
    .map((i) => ({ incident: copy(i), created: false, changed: false, resolved: false }));
  const note = (w: Work, text: string): void => {
    w.incident.timeline.push({ at: now, text });
    w.changed = true;
  };
  const leave = (w: Work, m: IncidentMember, how: MemberExit, text: string): void => {
    delete m.pendingMoveSince;
    m.leftAt = now;
    m.leftAs = how;
    note(w, text);
  };
  const live = (): Work[] => works.filter((w) => !w.resolved);

  /** Resolves an incident whose members have all left, unless it is still cooling down. */
  const settle = (w: Work): void => {
    const members = w.incident.members;
    if (w.resolved || members.some(isIn)) return;
    const recoveries = members.filter((m) => m.leftAs === 'recovered').map((m) => m.leftAt!);
    const lastRecovery = recoveries.length ? Math.max(...recoveries) : undefined;
    if (lastRecovery !== undefined && now - lastRecovery < coolDownMs) return;
    w.incident.resolvedAt = members.length ? Math.max(...members.map((m) => m.leftAt!)) : now;
    w.resolved = true;
    const movedTo = new Set(members.map((m) => (m.leftAs === 'moved' ? m.movedTo : undefined)));
    const [into] = movedTo;
    if (movedTo.size === 1 && into !== undefined) {
      w.incident.mergedInto = into;
      note(w, 'Resolved: its links now belong to another incident');
    } else note(w, 'Resolved');
  };

  // Incidents that cooled down without a relapse close first, so a later failure opens a new one.
  works.forEach(settle);
  const expired = new Set(works.filter((w) => w.resolved));
  const hadMembersIn = new Set(live().filter((w) => w.incident.members.some(isIn)));

  // Where each failing integration belongs now. A narrow group (partner, single link) with no
  // open incident waits until one of its links has failed for `settleMs`; meanwhile its links
  // stay where they are.
  const groups = new Map<string, { group: IncidentGroup; items: IncidentInput[] }>();
  for (const item of current) {
    const group = incidentGroupFor(item, byId);
    if (!group) continue;
    const entry = groups.get(group.key) ?? { group, items: [] };
    entry.items.push(item);
    groups.set(group.key, entry);
  }
  const activeIn = new Map(live().flatMap((w) => w.incident.members.filter(isIn).map((m): [string, { w: Work; m: IncidentMember }] => [m.integrationId, { w, m }])));
  for (const [key, entry] of groups) {
    if (isCommonCause(entry.group.kind)) continue;
    entry.items = entry.items.filter((item) => {
      const at = activeIn.get(item.id);
      if (!at || at.w.incident.key === key) return true;
      at.m.pendingMoveSince ??= now;
      return now - at.m.pendingMoveSince >= settleMs;
    });
    const settled = entry.items.some((i) => activeIn.has(i.id) || i.since === undefined || now - i.since >= settleMs);
    if (!settled && !live().some((w) => w.incident.key === key)) groups.delete(key);
  }
  const keyOf = new Map([...groups].flatMap(([key, { items }]) => items.map((i): [string, string] => [i.id, key])));

  // One incident per group: the open one, a regrouped one, or a new one.
  const target = new Map<string, Work>();
  const regroupable = (w: Work, key: string): boolean => {
    if (w.incident.key === key || groups.has(w.incident.key) || [...target.values()].includes(w)) return false;
    const relevant = w.incident.members.filter((m) => isIn(m) || (m.leftAs === 'recovered' && keyOf.has(m.integrationId)));
    return relevant.length > 0 && relevant.every((m) => keyOf.get(m.integrationId) === key);
  };
  for (const [key, { group }] of groups) {
    let w = live().find((x) => x.incident.key === key);
    if (!w && isCommonCause(group.kind)) {
      w = live()
        .filter((x) => regroupable(x, key))
        .sort((a, b) => a.incident.openedAt - b.incident.openedAt)[0];
      if (w) {
        note(w, `Regrouped as "${group.title}" (was "${w.incident.title}")`);
        Object.assign(w.incident, { key, kind: group.kind, subject: group.subject, title: group.title });
        if (group.subject === undefined) delete w.incident.subject;
      }
    }
    if (!w) {
      const incident: IncidentState = { id: newId(key, now), ...group, status: 'degraded', worst: 'degraded', openedAt: now, updatedAt: now, members: [], timeline: [] };
      w = { incident, created: true, changed: true, resolved: false };
      works.push(w);
      note(w, `Opened: ${group.title}`);
    }
    target.set(key, w);
  }

  // Members join, fail again, change status, or move between incidents.
  for (const [key, { items }] of groups) {
    const w = target.get(key)!;
    for (const item of items) {
      const status = item.status as 'degraded' | 'down';
      const name = item.name ?? item.id;
      let from: Work | undefined;
      for (const other of live()) {
        const m = other === w ? undefined : other.incident.members.find((x) => x.integrationId === item.id && isIn(x));
        if (!m) continue;
        from = other;
        m.movedTo = w.incident.id;
        leave(other, m, 'moved', `${name} moved to "${w.incident.title}"`);
      }
      const member = w.incident.members.find((m) => m.integrationId === item.id);
      if (!member) {
        w.incident.members.push({ integrationId: item.id, name, side: item.side, ...(item.partner ? { partner: item.partner } : {}), joinedAt: now, status, worst: status });
        note(w, `${name} joined (${status})${from ? `, from "${from.incident.title}"` : ''}`);
      } else if (!isIn(member)) {
        note(w, member.leftAs === 'recovered' ? `${name} failing again (${status})` : `${name} back (${status})`);
        delete member.leftAt;
        delete member.leftAs;
        delete member.movedTo;
        Object.assign(member, { status, worst: worse(member.worst, status) });
      } else if (member.status !== status) {
        note(w, `${name} now ${status} (was ${member.status})`);
        Object.assign(member, { status, worst: worse(member.worst, status) });
      }
      delete member?.pendingMoveSince;
    }
  }

  // Members no longer failing here: recovered, in maintenance, gone, or without news.
  for (const w of live()) {
    for (const m of w.incident.members.filter(isIn)) {
      if (keyOf.has(m.integrationId)) continue;
      const item = byId.get(m.integrationId);
      if (!item) leave(w, m, 'removed', `${m.name} no longer monitored`);
      else if (item.status === 'operational') leave(w, m, 'recovered', `${m.name} recovered`);
      else if (item.status === 'maintenance') leave(w, m, 'maintenance', `${m.name} in maintenance`);
      else if (item.status === 'degraded' || item.status === 'down') {
        const via = item.attribution?.via;
        if (via && byId.get(via)?.status === 'maintenance') leave(w, m, 'maintenance', `${m.name} failing through ${byId.get(via)?.name ?? via}, which is in maintenance`);
        else if (m.status !== item.status) {
          note(w, `${m.name} now ${item.status} (was ${m.status})`);
          Object.assign(m, { status: item.status, worst: worse(m.worst, item.status) });
        }
      } else if (m.status !== 'unknown') {
        delete m.pendingMoveSince;
        m.status = 'unknown';
        note(w, `${m.name}: no recent result`);
      }
    }
  }

  // Status, cool-down and resolution.
  for (const w of live()) {
    const inside = w.incident.members.filter(isIn);
    const status = inside.length ? worstStatus(inside.map((m) => m.status)) : 'operational';
    if (status !== w.incident.status) w.changed = true;
    w.incident.status = status;
    for (const m of inside) if (STATUS_SEVERITY[m.worst] > STATUS_SEVERITY[w.incident.worst]) w.incident.worst = m.worst;
    if (!inside.length && hadMembersIn.has(w) && w.incident.members.some((m) => m.leftAs === 'recovered' && m.leftAt === now) && coolDownMs > 0) {
      note(w, `All links recovered; closes in ${duration(coolDownMs)} unless one fails again`);
    }
    settle(w);
  }

  // Expired incidents first (a key's old incident closes before its new one opens), then
  // opened before updated (an update may name a new incident), then the rest resolved.
  const rank = (w: Work): number => (expired.has(w) ? 0 : w.created ? 1 : w.resolved ? 3 : 2);
  const events: IncidentChange[] = [];
  for (const w of [...works].sort((x, y) => rank(x) - rank(y))) {
    if (w.changed || w.resolved) w.incident.updatedAt = now;
    if (w.created) events.push({ type: 'opened', incident: w.incident });
    else if (w.resolved) events.push({ type: 'resolved', incident: w.incident });
    else if (w.changed) events.push({ type: 'updated', incident: w.incident });
  }
  return { open: works.filter((w) => !w.resolved).map((w) => w.incident), events };
}
