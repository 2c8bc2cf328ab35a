import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveProvider } from '../live/LiveProvider';
import { createLiveStore } from '../live/live-store';
import { FakeTransport } from '../testing/fake-transport';
import { App } from './App';

afterEach(cleanup);

function renderAt(path: string) {
  render(
    <LiveProvider store={createLiveStore(new FakeTransport())}>
      <App path={path} />
    </LiveProvider>,
  );
}

describe('routes', () => {
  it.each(['/', '/wall', '/wall/'])('shows the wall at %s', (path) => {
    renderAt(path);
    expect(screen.getByTestId('connection')).toBeTruthy();
  });

  it('says what is not there, and where the wall is', () => {
    renderAt('/nowhere');
    expect(screen.getByRole('heading', { name: 'Not found' })).toBeTruthy();
    expect(screen.getByRole('link', { name: '/wall' }).getAttribute('href')).toBe('/wall');
  });
});
