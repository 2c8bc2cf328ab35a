import type { ConnectionState } from '../live/live-state';
import { useT } from '../i18n/use-t';

// A distinct mark per state, so the indicator does not rely on colour either.
const MARKS: Record<ConnectionState, string> = {
  connecting: '◌',
  live: '●',
  stale: '◐',
  offline: '○',
  refused: '⊘',
};

/** LIVE / STALE / OFFLINE / CONNECTING / NOT SIGNED IN: whether what the screen shows is current. */
export function ConnectionIndicator({ state, compact = false }: { state: ConnectionState; compact?: boolean }) {
  const { t } = useT();
  return (
    <div
      className={`connection connection--${state}${compact ? ' connection--compact' : ''}`}
      data-testid="connection"
      data-state={state}
      role="status"
    >
      <span className="visually-hidden">{t('connection.label')}: </span>
      <span className="connection__mark" aria-hidden="true">
        {MARKS[state]}
      </span>
      {t(`connection.${state}`)}
    </div>
  );
}
