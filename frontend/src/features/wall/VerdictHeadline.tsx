import type { IntegrationSnapshot, Verdict } from '@lifeline/shared';
import { worstStatus } from '@lifeline/shared';
import { useT } from '../../i18n/use-t';
import { StatusBadge } from '../../ui/StatusBadge';
import { headlineText } from './headline';

export interface VerdictHeadlineProps {
  verdict: Verdict;
  integrations: readonly IntegrationSnapshot[];
  /** False when the data is not current: the headline then says it is the last known state. */
  current: boolean;
  timeZone: string;
  now: number;
}

/** The wall's headline: one sentence, and the internal and external status side by side. */
export function VerdictHeadline({ verdict, integrations, current, timeZone, now }: VerdictHeadlineProps) {
  const { t, language, locale } = useT();
  const worst = worstStatus([verdict.internal, verdict.external]);
  const text = headlineText(verdict, integrations, { t, language, locale, timeZone, now });
  return (
    <section className={`verdict status--${worst}`} data-testid="verdict" data-cause={verdict.cause} aria-label={t('wall.verdict')}>
      <p className="verdict__summary" data-testid="headline" lang={text === verdict.summary ? 'en' : language}>
        {!current && <strong className="verdict__not-current">{t('wall.lastKnown')}</strong>}
        {text}
      </p>
      <div className="verdict__sides">
        <StatusBadge status={verdict.internal} label={t('wall.internal')} size="lg" />
        <StatusBadge status={verdict.external} label={t('wall.external')} size="lg" />
      </div>
    </section>
  );
}
