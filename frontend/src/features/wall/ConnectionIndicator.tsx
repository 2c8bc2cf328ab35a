import type { ConnectionState } from '../../live/live-state';

const WORDS: Record<ConnectionState, string> = {
  connecting: 'CONNECTING',
  live: 'LIVE',
  stale: 'STALE',
  offline: 'OFFLINE',
};

// A distinct mark per state, so the indicator does not rely on colour either.
const MARKS: Record<ConnectionState, string> = {
  connecting: '◌',
  live: '●',
  stale: '◐',
  offline: '○',
};

/** LIVE / STALE / OFFLINE / CONNECTING: whether what the wall shows is current. */
export function ConnectionIndicator({ state }: { state: ConnectionState }) {
  return (
    <div className={`connection connection--${state}`} data-testid="connection" data-state={state} role="status">
      <span className="connection__mark" aria-hidden="true">
        {MARKS[state]}
      </span>
      {WORDS[state]}
    </div>
  );
}
