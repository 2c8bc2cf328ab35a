import type { HistoryStoreState } from '@lifeline/shared';
import { useT } from '../../i18n/use-t';
import { formatTimeOfDay } from '../../ui/format';

export interface HistoryStoreNoticeProps {
  historyStore?: HistoryStoreState;
  timeZone: string;
}

/** While PostgreSQL refuses writes: the wall goes on, and says that history is being kept on the server's disk. */
export function HistoryStoreNotice({ historyStore, timeZone }: HistoryStoreNoticeProps) {
  const { t } = useT();
  if (!historyStore || historyStore.available) return null;
  const since = historyStore.unavailableSince ? Date.parse(historyStore.unavailableSince) : undefined;
  return (
    <div className="history-store-notice" role="status" data-testid="history-store-notice">
      {t('historyStore.unavailable', { time: since === undefined ? '?' : formatTimeOfDay(since, timeZone, false) })}
    </div>
  );
}
