import { createContext } from 'react';
import type { ReactNode } from 'react';
import type { LiveStore } from './live-store';

export const LiveStoreContext = createContext<LiveStore | null>(null);

/**
 * Makes the app's one live store available below. The store is created and started once,
 * outside React (see main.tsx), so re-renders and StrictMode never open a second socket.
 */
export function LiveProvider({ store, children }: { store: LiveStore; children: ReactNode }) {
  return <LiveStoreContext value={store}>{children}</LiveStoreContext>;
}
