import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { speak } from '../../testing/render-with-providers';
import { WallHeader } from './WallHeader';

afterEach(() => {
  cleanup();
  speak('en');
});

const header = (historyStore?: { available: boolean; unavailableSince?: string; spooled?: number }) =>
  render(<WallHeader siteName="UZ Gent" timeZone="Europe/Brussels" connection="live" serverOffsetMs={0} historyStore={historyStore} />);

describe('wall header: the history store', () => {
  it('says nothing while the history store is available (or not reported)', () => {
    header({ available: true });
    expect(screen.queryByTestId('history-store-notice')).toBeNull();
    cleanup();
    header();
    expect(screen.queryByTestId('history-store-notice')).toBeNull();
  });

  it.each([
    ['en', 'History store unavailable since 07:42 — recording locally'],
    ['nl', 'Geschiedenisopslag onbeschikbaar sinds 07:42 — lokaal bijgehouden'],
    ['fr', 'Stockage de l’historique indisponible depuis 07:42 — enregistrement local'],
  ] as const)('in %s, says since when it is unavailable, in the site time zone', (language, text) => {
    speak(language);
    header({ available: false, unavailableSince: '2026-11-26T06:42:10Z', spooled: 120 });
    expect(screen.getByTestId('history-store-notice').textContent).toBe(text);
  });
});
