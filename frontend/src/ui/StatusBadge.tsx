import type { Status } from '@lifeline/shared';
import { useT } from '../i18n/use-t';
import { StatusIcon } from './StatusIcon';
import './status-badge.css';

export interface StatusBadgeProps {
  status: Status;
  /** Printed before the word, e.g. "Internal". */
  label?: string;
  /** Another word for the status (the clinician view says "Delayed", not "Degraded"). */
  word?: string;
  size?: 'md' | 'lg';
}

/** A status as icon + word + colour: readable by anyone, including without colour vision. */
export function StatusBadge({ status, label, word, size = 'md' }: StatusBadgeProps) {
  const { t } = useT();
  return (
    <span className={`status-badge status-badge--${size} status--${status}`} data-status={status}>
      <StatusIcon status={status} />
      {label && <span className="status-badge__label">{label}</span>}
      <span className="status-badge__word">{word ?? t(`status.${status}`)}</span>
    </span>
  );
}
