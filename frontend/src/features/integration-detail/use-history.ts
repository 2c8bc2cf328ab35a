import { useCallback, useRef } from 'react';
import type { IntegrationHistory } from '../../api/types';
import { API } from '../../api/types';
import { useQuery } from '../../api/use-query';
import type { LiveMessage } from '../../live/live-transport';
import { RANGES } from './history';
import type { Range } from './history';

const MINUTE = 60_000;
/** New results of a busy integration arrive every few seconds: refetch at most this often on its events. */
const REFETCH_COALESCE_MS = 5_000;

/**
 * The history of one integration over the range ending now. The window start moves on each
 * minute (a new key, a new request) and the previous answer stays on screen until it arrives.
 */
export function useHistory(id: string, range: Range, now: number) {
  const from = Math.floor(now / MINUTE) * MINUTE - RANGES[range];
  const refetchOn = useCallback(
    (m: LiveMessage) =>
      (m.type === 'integration.updated' && m.event.integration.id === id) || (m.type === 'integrations.refreshed' && m.event.integrations.some((i) => i.id === id)),
    [id],
  );
  const query = useQuery<IntegrationHistory>(API.history(id, from), { refetchOn, coalesceMs: REFETCH_COALESCE_MS });
  // Another range or a new minute: the previous answer (same integration) stays until the new one is in.
  const last = useRef<{ id: string; data: IntegrationHistory } | null>(null);
  if (query.data) last.current = { id, data: query.data };
  const previous = last.current?.id === id ? last.current.data : undefined;
  return { ...query, data: query.data ?? previous, from };
}
