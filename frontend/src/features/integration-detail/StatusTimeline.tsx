import type { Status } from '@lifeline/shared';
import type { HistoryTransition } from '../../api/types';
import { useT } from '../../i18n/use-t';
import { formatSiteTime } from '../../ui/format';
import { StatusBadge } from '../../ui/StatusBadge';
import { statusSegments } from './history';

export interface StatusTimelineProps {
  transitions: readonly HistoryTransition[];
  from: number;
  to: number;
  current: Status;
  timeZone: string;
}

/** The status across the window as a coloured band (for the eye) and a list of changes (for everyone). */
export function StatusTimeline({ transitions, from, to, current, timeZone }: StatusTimelineProps) {
  const { t, locale } = useT();
  const segments = statusSegments(transitions, from, to, current);
  const span = Math.max(1, to - from);
  const at = (ms: number) => formatSiteTime(ms, timeZone, locale, to);
  return (
    <div className="timeline" data-testid="timeline">
      <div className="timeline__band" aria-hidden="true">
        {segments.map((s) => (
          <span
            key={s.start}
            className={`timeline__segment status--${s.status}`}
            style={{ width: `${((s.end - s.start) / span) * 100}%` }}
            title={`${t(`status.${s.status}`)}: ${at(s.start)}–${at(s.end)}`}
          />
        ))}
      </div>
      <div className="timeline__axis" aria-hidden="true">
        <span>{at(from)}</span>
        <span>{at(to)}</span>
      </div>
      {transitions.length === 0 ? (
        <p className="page__muted">{t('detail.noTransitions')}</p>
      ) : (
        <ol className="timeline__changes">
          {[...transitions].reverse().map((tr) => (
            <li key={`${tr.at}-${tr.to}`} data-testid="transition">
              <time dateTime={tr.at}>{at(Date.parse(tr.at))}</time> <StatusBadge status={tr.from} /> → <StatusBadge status={tr.to} />
              {tr.reasons[0] && (
                <span className="timeline__reason" lang="en">
                  {' '}
                  — {tr.reasons[0]}
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
