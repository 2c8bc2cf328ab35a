import type { Status } from '@lifeline/shared';
import { StatusIcon } from './StatusIcon';
import { STATUS_WORDS } from './status-words';
import './status-badge.css';

export interface StatusBadgeProps {
  status: Status;
  /** Printed before the word, e.g. "Internal". */
  label?: string;
  size?: 'md' | 'lg';
}

/** A status as icon + word + colour: readable by anyone, including without colour vision. */
export function StatusBadge({ status, label, size = 'md' }: StatusBadgeProps) {
  return (
    <span className={`status-badge status-badge--${size} status--${status}`} data-status={status}>
      <StatusIcon status={status} />
      {label && <span className="status-badge__label">{label}</span>}
      <span className="status-badge__word">{STATUS_WORDS[status]}</span>
    </span>
  );
}
