import type { Attribution } from '../../contracts/snapshot.js';
import type { Side, Status, VerdictCause } from '../../contracts/words.js';
import { formatClockTime } from './clock-time.js';

/** One integration as the sentence sees it (canaries already left out). */
export interface SentenceItem {
  id: string;
  name?: string;
  side: Side;
  partner?: string;
  status: Status;
  attribution: Attribution | null;
}

export interface SentenceContext {
  cause: VerdictCause;
  items: readonly SentenceItem[];
  /** Every integration by id, canaries included, to name `via` roots. */
  byId: ReadonlyMap<string, SentenceItem>;
  internalStatus: Status;
  since: number;
  now: number;
  timeZone: string;
}

const nameOf = (i: SentenceItem): string => i.name ?? i.id;
const failing = (i: SentenceItem): boolean => i.status === 'degraded' || i.status === 'down';
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "A", "A and B", "A, B and C", "A, B, C and 2 more". */
export function listNames(names: readonly string[], max = 3): string {
  const shown = names.length > max + 1 ? [...names.slice(0, max), `${names.length - max} more`] : [...names];
  return shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

/** Degraded reads "slow", down reads "down", a mix "slow or down". */
export function howBad(statuses: readonly Status[]): string {
  const bad = statuses.filter((s) => s === 'degraded' || s === 'down');
  if (bad.length && bad.every((s) => s === 'degraded')) return 'slow';
  if (bad.length && bad.every((s) => s === 'down')) return 'down';
  if (bad.length) return 'slow or down';
  return statuses.length && statuses.every((s) => s === 'maintenance') ? 'in maintenance' : 'failing';
}

/** The internal integrations the current failures lead back to, in order of appearance. */
export function internalRoots(ctx: Pick<SentenceContext, 'items' | 'byId'>): SentenceItem[] {
  const ids = new Set<string>();
  for (const i of ctx.items.filter(failing)) {
    if (i.attribution?.cause === 'dependency' && i.attribution.via) ids.add(i.attribution.via);
    else if (i.side === 'internal') ids.add(i.id);
  }
  return [...ids].map((id) => ctx.byId.get(id) ?? { id, side: 'internal', status: 'unknown', attribution: null });
}

function normalRest(ctx: SentenceContext, excluded: readonly SentenceItem[]): string {
  if (ctx.items.every((i) => excluded.includes(i) || i.status === 'operational')) return 'everything else normal.';
  return ctx.internalStatus === 'operational' ? 'hospital systems normal.' : 'no failures inside the hospital.';
}

function noneSentence(ctx: SentenceContext): string {
  const unknown = ctx.items.filter((i) => i.status === 'unknown').map(nameOf);
  const maintenance = ctx.items.filter((i) => i.status === 'maintenance').map(nameOf);
  if (!unknown.length && !maintenance.length) return 'All systems normal.';
  const parts = [unknown.length ? 'No failures seen' : 'All systems normal'];
  if (unknown.length) parts.push(`${listNames(unknown)} ${unknown.length === 1 ? 'has' : 'have'} no recent result`);
  if (maintenance.length) parts.push(`${listNames(maintenance)} in maintenance`);
  return `${parts.join('; ')}.`;
}

function internalSentence(ctx: SentenceContext, at: string): string {
  const roots = internalRoots(ctx);
  const rootIds = new Set(roots.map((r) => r.id));
  const through = ctx.items.filter((i) => failing(i) && i.attribution?.cause === 'dependency' && !rootIds.has(i.id));
  const throughExternal = through.filter((i) => i.side === 'external').length;
  const throughInternal = through.length - throughExternal;
  const separate = ctx.items.filter((i) => failing(i) && i.side === 'external' && i.attribution?.cause !== 'dependency');
  let text = `${listNames(roots.map(nameOf))} ${howBad(roots.map((r) => r.status))} since ${at}`;
  const affected = [throughExternal ? plural(throughExternal, 'external link') : '', throughInternal ? plural(throughInternal, 'hospital system') : ''].filter(Boolean);
  if (affected.length) {
    text += ` — ${affected.join(' and ')} affected through ${roots.length === 1 ? 'it' : 'them'}.`;
    if (throughExternal && !separate.length) text += ' The partners are not the cause.';
  } else if (!separate.length) {
    text += ' — external links normal.';
  } else text += '.';
  if (separate.length) text += ` Separately, ${listNames(separate.map(nameOf))} ${howBad(separate.map((i) => i.status))} on the partner side.`;
  return text;
}

function perimeterSentence(ctx: SentenceContext, at: string): string {
  const external = ctx.items.filter((i) => i.side === 'external' && i.status !== 'maintenance');
  const bad = external.filter(failing);
  const hospital = ctx.internalStatus === 'operational' ? 'Hospital systems normal.' : 'No failures inside the hospital.';
  return `${hospital} ${bad.length} of ${plural(external.length, 'external link')} ${howBad(bad.map((i) => i.status))} since ${at} — likely our internet connection or provider, not the partners.`;
}

function partnersSentence(ctx: SentenceContext, at: string): string {
  const external = ctx.items.filter((i) => i.side === 'external' && i.status !== 'maintenance');
  const bad = external.filter(failing);
  const partners = [...new Set(bad.map((i) => i.partner ?? nameOf(i)))];
  const how = howBad(bad.map((i) => i.status));
  const rest = normalRest(ctx, bad);
  if (partners.length === 1) {
    const subject = bad.length <= 3 ? listNames(bad.map(nameOf)) : `${partners[0]}: ${plural(bad.length, 'link')}`;
    return `${subject} ${how} since ${at} — this partner only; ${rest}`;
  }
  const subject = bad.length <= 3 ? listNames(bad.map(nameOf)) : `${bad.length} of ${plural(external.length, 'external link')}`;
  return `${subject} ${how} since ${at} — on the side of ${listNames(partners)}, not our connection; ${rest}`;
}

/** The wall's headline in one or two plain sentences, for the cause already decided. */
export function verdictSentence(ctx: SentenceContext): string {
  const at = formatClockTime(ctx.since, ctx.timeZone, ctx.now);
  switch (ctx.cause) {
    case 'none':
      return noneSentence(ctx);
    case 'internal':
      return internalSentence(ctx, at);
    case 'perimeter':
      return perimeterSentence(ctx, at);
    case 'partners':
      return partnersSentence(ctx, at);
  }
}
