import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { STALE_AFTER_MS } from '@lifeline/shared';
import { LiveProvider } from '../../live/LiveProvider';
import { createLiveStore } from '../../live/live-store';
import type { LiveStore } from '../../live/live-store';
import { aSnapshot, anIntegration, T0 } from '../../testing/builders';
import { FakeTransport } from '../../testing/fake-transport';
import { WallPage } from './WallPage';

let transport: FakeTransport;
let store: LiveStore;

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  transport = new FakeTransport();
  store = createLiveStore(transport);
  store.start();
  render(
    <LiveProvider store={store}>
      <WallPage />
    </LiveProvider>,
  );
});

afterEach(() => {
  cleanup();
  store.stop();
  vi.useRealTimers();
});

const server = {
  connect: () => act(() => transport.connect()),
  drop: () => act(() => transport.drop()),
  send: (message: Parameters<FakeTransport['send']>[0]) => act(() => transport.send(message)),
  refuse: () => act(() => transport.refuse()),
};

describe('the wall, fed by the live store', () => {
  it('follows the server: snapshot, a link going down, silence, reconnection', () => {
    expect(screen.getByText('Connecting to the Lifeline server…')).toBeTruthy();

    server.connect();
    server.send({ type: 'snapshot', snapshot: aSnapshot({ seq: 10 }) });
    const tile = () => screen.getByTestId('tile-synlab-results');
    expect(within(tile()).getByText('Operational')).toBeTruthy();
    expect(screen.getByTestId('connection').dataset.state).toBe('live');

    act(() => vi.advanceTimersByTime(4_000));
    const down = anIntegration({ status: 'down', since: new Date(Date.now()).toISOString(), reasons: ['no answer: timeout after 5000 ms'] });
    server.send({ type: 'integration.updated', event: { seq: 11, integration: down } });
    expect(tile().dataset.status).toBe('down');
    expect(within(tile()).getByText('Down')).toBeTruthy();
    expect(within(tile()).getByText('no answer: timeout after 5000 ms')).toBeTruthy();

    // Nothing more from the server: the wall says so instead of showing old data as current.
    act(() => vi.advanceTimersByTime(STALE_AFTER_MS));
    expect(screen.getByTestId('connection').dataset.state).toBe('stale');
    expect(screen.getByRole('banner').textContent).toContain('STALE — last update 07:45:04');

    server.drop();
    expect(screen.getByTestId('connection').dataset.state).toBe('offline');
    expect(screen.getByRole('banner').textContent).toContain('STALE — last update 07:45:04');

    server.connect();
    expect(screen.getByRole('alert')).toBeTruthy(); // still not current until the fresh snapshot
    server.send({ type: 'snapshot', snapshot: aSnapshot({ seq: 20 }) });
    expect(screen.getByTestId('connection').dataset.state).toBe('live');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(within(tile()).getByText('Operational')).toBeTruthy();
  });

  it('asks for a fresh snapshot when it missed an event', () => {
    server.connect();
    server.send({ type: 'snapshot', snapshot: aSnapshot({ seq: 10 }) });
    server.send({ type: 'integration.updated', event: { seq: 13, integration: anIntegration({ status: 'degraded' }) } });
    expect(transport.snapshotRequests).toBe(1);
    expect(screen.getByTestId('tile-synlab-results').dataset.status).toBe('degraded');
  });

  it('says it is not signed in when the server refuses it, instead of "retrying" forever', () => {
    server.refuse();
    const waiting = screen.getByTestId('waiting');
    expect(waiting.textContent).toBe('This screen is not signed in (or its token was revoked). Sign in or use a kiosk link. Sign in');
    expect(within(waiting).getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/login?next=%2Fwall');
    expect(screen.getByTestId('connection').dataset.state).toBe('refused');
  });

  it('keeps the last picture greyed out, and says why, when its token is revoked while it shows', () => {
    server.connect();
    server.send({ type: 'snapshot', snapshot: aSnapshot({ seq: 10 }) });
    server.drop(); // the server cuts the screen's connection…
    server.refuse(); // …and refuses it when it comes back
    expect(screen.getByTestId('connection').dataset.state).toBe('refused');
    expect(screen.getByTestId('connection').textContent).toContain('NOT SIGNED IN');
    expect(screen.getByTestId('stale-notice').textContent).toContain('This screen is not signed in (or its token was revoked).');
    expect(screen.getByTestId('tile-synlab-results')).toBeTruthy();
    server.connect();
    server.send({ type: 'snapshot', snapshot: aSnapshot({ seq: 11 }) });
    expect(screen.getByTestId('connection').dataset.state).toBe('live');
  });
});
