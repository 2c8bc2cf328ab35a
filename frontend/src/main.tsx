import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from './api/api-client';
import { ApiProvider } from './api/ApiProvider';
import { createQueryCache } from './api/query-cache';
import { App } from './app/App';
import './i18n/i18n';
import { LiveProvider } from './live/LiveProvider';
import { createLiveStore } from './live/live-store';
import { createSocketTransport } from './live/socket-transport';
import './ui/theme.css';

// The app's one live connection, opened once here rather than inside a component.
const store = createLiveStore(createSocketTransport());
store.start();
const client = createApiClient();
const api = { client, cache: createQueryCache(client) };

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <LiveProvider store={store}>
      <ApiProvider api={api}>
        <App />
      </ApiProvider>
    </LiveProvider>
  </StrictMode>,
);
