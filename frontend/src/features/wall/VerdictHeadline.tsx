import type { Verdict } from '@lifeline/shared';
import { worstStatus } from '@lifeline/shared';
import { StatusBadge } from '../../ui/StatusBadge';

export interface VerdictHeadlineProps {
  verdict: Verdict;
  /** False when the data is not current: the headline then says it is the last known state. */
  current: boolean;
}

/** The wall's headline: one sentence, and the internal and external status side by side. */
export function VerdictHeadline({ verdict, current }: VerdictHeadlineProps) {
  const worst = worstStatus([verdict.internal, verdict.external]);
  return (
    <section className={`verdict status--${worst}`} data-testid="verdict" aria-label="Verdict">
      <p className="verdict__summary">
        {!current && <strong className="verdict__not-current">Last known: </strong>}
        {verdict.summary}
      </p>
      <div className="verdict__sides">
        <StatusBadge status={verdict.internal} label="Internal" size="lg" />
        <StatusBadge status={verdict.external} label="External" size="lg" />
      </div>
    </section>
  );
}
