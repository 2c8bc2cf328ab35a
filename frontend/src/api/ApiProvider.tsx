import { createContext } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient } from './api-client';
import type { QueryCache } from './query-cache';

export interface Api {
  client: ApiClient;
  cache: QueryCache;
}

export const ApiContext = createContext<Api | null>(null);

/** Makes the app's API client and its query cache available below (tests pass fakes). */
export function ApiProvider({ api, children }: { api: Api; children: ReactNode }) {
  return <ApiContext value={api}>{children}</ApiContext>;
}
