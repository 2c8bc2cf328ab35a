import { act, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { ApiProvider } from '../api/ApiProvider';
import { createQueryCache } from '../api/query-cache';
import { i18n } from '../i18n/i18n';
import type { Language } from '../i18n/languages';
import { LiveProvider } from '../live/LiveProvider';
import { createLiveStore } from '../live/live-store';
import type { LiveStore } from '../live/live-store';
import type { LiveMessage } from '../live/live-transport';
import { fakeApi } from './fake-api';
import type { FakeApi } from './fake-api';
import { FakeTransport } from './fake-transport';

export interface Rendered {
  api: FakeApi;
  store: LiveStore;
  transport: FakeTransport;
  /** The server sends a live message (wrapped in act). */
  send(message: LiveMessage): void;
  drop(): void;
  connect(): void;
}

/** Renders `ui` with a live store on a fake transport (connected) and an API answering from `api`. */
export function renderWithProviders(ui: ReactNode, api: FakeApi = fakeApi()): Rendered {
  const transport = new FakeTransport();
  const store = createLiveStore(transport);
  store.start();
  transport.connect();
  render(
    <LiveProvider store={store}>
      <ApiProvider api={{ client: api, cache: createQueryCache(api) }}>{ui}</ApiProvider>
    </LiveProvider>,
  );
  return {
    api,
    store,
    transport,
    send: (message) => act(() => transport.send(message)),
    drop: () => act(() => transport.drop()),
    connect: () => act(() => transport.connect()),
  };
}

/** Switches the app's language inside act (components re-render); tests reset to English after. */
export function speak(language: Language): void {
  act(() => void i18n.changeLanguage(language));
}
