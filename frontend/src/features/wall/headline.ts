import type { IntegrationSnapshot, Status, Verdict } from '@lifeline/shared';
import type { Language } from '../../i18n/languages';
import type { T } from '../../i18n/use-t';
import { formatSiteTime } from '../../ui/format';

export interface HeadlineContext {
  t: T;
  language: Language;
  locale: string;
  timeZone: string;
  now: number;
}

const failing = (i: IntegrationSnapshot) => i.status === 'degraded' || i.status === 'down';

/** "A", "A and B", "A, B and C", "A, B, C and 2 more", in the language of `t`. */
export function listNames(names: readonly string[], t: T, max = 3): string {
  const shown = names.length > max + 1 ? [...names.slice(0, max), t('headline.more', { count: names.length - max })] : [...names];
  return shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} ${t('headline.and')} ${shown.at(-1)}`;
}

/** "slow", "down", "slow or down", "in maintenance", agreeing with `count` where the language wants it. */
export function howBad(statuses: readonly Status[], t: T, count = statuses.length): string {
  const bad = statuses.filter((s) => s === 'degraded' || s === 'down');
  const key = bad.length === 0 ? 'maintenance' : bad.every((s) => s === 'degraded') ? 'slow' : bad.every((s) => s === 'down') ? 'down' : 'mixed';
  return t(`headline.how.${key}`, { count });
}

/**
 * The wall's headline in the page's language. English is the server's own sentence; Dutch and
 * French are built from the verdict's fields and the links' statuses with translated templates,
 * and fall back to the server's sentence for anything they cannot say.
 */
export function headlineText(verdict: Verdict, integrations: readonly IntegrationSnapshot[], ctx: HeadlineContext): string {
  if (ctx.language === 'en') return verdict.summary;
  const { t } = ctx;
  const since = Date.parse(verdict.since);
  const time = Number.isFinite(since) ? formatSiteTime(since, ctx.timeZone, ctx.locale, ctx.now) : '';
  const items = integrations.filter((i) => i.role !== 'canary');
  const external = items.filter((i) => i.side === 'external' && i.status !== 'maintenance');
  const hospital = t(verdict.internal === 'operational' ? 'headline.hospitalNormal' : 'headline.hospitalNoFailures');

  switch (verdict.cause) {
    case 'none': {
      const unknown = items.filter((i) => i.status === 'unknown').length;
      const maintenance = items.filter((i) => i.status === 'maintenance').length;
      if (unknown) return t('headline.noneUnknown', { count: unknown });
      if (maintenance) return t('headline.noneMaintenance', { count: maintenance });
      return t('headline.allNormal');
    }
    case 'perimeter': {
      const bad = external.filter(failing);
      if (!bad.length) return verdict.summary;
      return t('headline.perimeter', {
        hospital,
        bad: bad.length,
        total: external.length,
        links: t('headline.links', { count: external.length }),
        badLinks: t('headline.links', { count: bad.length }),
        how: howBad(bad.map((i) => i.status), t),
        time,
      });
    }
    case 'partners': {
      const bad = external.filter((i) => failing(i) && i.attribution?.cause !== 'dependency');
      if (!bad.length) return verdict.summary;
      const partners = [...new Set(bad.map((i) => i.partner ?? i.name))];
      const names = bad.length <= 3 ? listNames(bad.map((i) => i.name), t) : t('headline.links', { count: bad.length });
      const how = howBad(bad.map((i) => i.status), t);
      if (partners.length === 1) return t('headline.partnerOnly', { names, how, time });
      return t('headline.partners', { names, how, time, partners: listNames(partners, t) });
    }
    case 'internal': {
      const byId = new Map(integrations.map((i) => [i.id, i]));
      const rootIds = new Set<string>();
      for (const i of items.filter(failing)) {
        if (i.attribution?.cause === 'dependency' && i.attribution.via) rootIds.add(i.attribution.via);
        else if (i.side === 'internal') rootIds.add(i.id);
      }
      const roots = [...rootIds].map((id) => byId.get(id)).filter((i): i is IntegrationSnapshot => !!i);
      if (!roots.length) return verdict.summary;
      const affected = items.filter((i) => failing(i) && i.attribution?.cause === 'dependency' && !rootIds.has(i.id)).length;
      const names = listNames(roots.map((r) => r.name), t);
      const how = howBad(roots.map((r) => r.status), t);
      return affected ? t('headline.internalAffected', { names, how, time, count: affected }) : t('headline.internal', { names, how, time });
    }
    default:
      return verdict.summary;
  }
}
