import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Status } from '@lifeline/shared';
import { INITIAL_LIVE_STATE } from '../../live/live-state';
import { aLiveState, aMember, aSnapshot, aVerdict, anIncident, anIntegration, T0 } from '../../testing/builders';
import { speak } from '../../testing/render-with-providers';
import { Wall } from './Wall';

beforeEach(() => vi.useFakeTimers({ now: T0 })); // T0 is 07:45:00 in Brussels
afterEach(() => {
  cleanup();
  speak('en');
  vi.useRealTimers();
});

const tile = (id: string) => screen.getByTestId(`tile-${id}`);
const tileIds = (side: 'internal' | 'external') =>
  within(screen.getByTestId(`side-${side}`))
    .getAllByRole('article')
    .map((el) => el.dataset.testid);

describe('wall: one tile per link, by status', () => {
  const cases: [Status, string, string][] = [
    ['operational', 'Operational', 'last check fine'],
    ['degraded', 'Degraded', 'slow: 2300 ms, above 1500 ms'],
    ['down', 'Down', 'no answer: connection refused'],
    ['unknown', 'Unknown', 'no result yet'],
    ['maintenance', 'Maintenance', 'planned maintenance until 09:00'],
  ];

  it.each(cases)('a %s link shows an icon, the word "%s", for how long, its latency and why', (status, word, reason) => {
    const integration = anIntegration({ status, latencyMs: 2300, reasons: [reason, 'a second reason'] });
    render(<Wall state={aLiveState(aSnapshot({ integrations: [integration] }))} />);

    const el = tile('synlab-results');
    expect(el.dataset.status).toBe(status);
    expect(within(el).getByRole('heading', { name: 'Synlab lab results' })).toBeTruthy();
    expect(within(el).getByText('Synlab')).toBeTruthy();
    const badge = within(el).getByText(word).closest('.status-badge');
    expect(badge?.querySelector('svg')).toBeTruthy();
    expect(within(el).getByText('for 12 min')).toBeTruthy();
    expect(within(el).getByText('2300 ms')).toBeTruthy();
    // Only a link that is not operational explains itself, with its first reason.
    if (status === 'operational') expect(within(el).queryByText(reason)).toBeNull();
    else expect(within(el).getByText(reason)).toBeTruthy();
    expect(within(el).queryByText('a second reason')).toBeNull();
  });

  it('says until when a planned maintenance lasts', () => {
    const maintenance = { start: new Date(T0 - 60_000).toISOString(), end: '2025-11-26T09:00:00+01:00', reason: 'Synlab upgrade' };
    const integration = anIntegration({ status: 'maintenance', maintenance, reasons: ['in maintenance'] });
    render(<Wall state={aLiveState(aSnapshot({ integrations: [integration] }))} />);
    expect(within(tile('synlab-results')).getByText('Synlab upgrade — until 09:00')).toBeTruthy();
  });

  it('moves "for 12 min" on by itself', () => {
    render(<Wall state={aLiveState()} />);
    expect(within(tile('synlab-results')).getByText('for 12 min')).toBeTruthy();
    act(() => vi.advanceTimersByTime(5 * 60_000));
    expect(within(tile('synlab-results')).getByText('for 17 min')).toBeTruthy();
  });

  it('measures time on the server clock, not the TV clock', () => {
    render(<Wall state={aLiveState(aSnapshot(), { serverOffsetMs: 3 * 60_000 })} />);
    expect(within(tile('synlab-results')).getByText('for 15 min')).toBeTruthy();
    expect(screen.getByTestId('clock').textContent).toContain('07:48:00');
  });

  it('puts hospital systems and partners in separate halves', () => {
    render(<Wall state={aLiveState()} />);
    expect(within(screen.getByTestId('side-internal')).getByRole('heading', { level: 2 }).textContent).toContain('Internal');
    expect(within(screen.getByTestId('side-external')).getByRole('heading', { level: 2 }).textContent).toContain('External');
    expect(tileIds('internal')).toEqual(['tile-interface-engine']);
    expect(tileIds('external')).toEqual(['tile-synlab-results']);
  });
});

describe('wall: ordering', () => {
  it('shows the worst first (down, degraded, unknown, maintenance, operational), then the most critical', () => {
    const ext = (id: string, status: Status, criticality: 'critical' | 'high' | 'medium' | 'low') =>
      anIntegration({ id, name: id, status, criticality });
    const integrations = [
      ext('ok-critical', 'operational', 'critical'),
      ext('maint-high', 'maintenance', 'high'),
      ext('degraded-low', 'degraded', 'low'),
      ext('unknown-medium', 'unknown', 'medium'),
      ext('down-low', 'down', 'low'),
      ext('degraded-critical', 'degraded', 'critical'),
      ext('down-high', 'down', 'high'),
    ];
    render(<Wall state={aLiveState(aSnapshot({ integrations }))} />);
    expect(tileIds('external')).toEqual([
      'tile-down-high',
      'tile-down-low',
      'tile-degraded-critical',
      'tile-degraded-low',
      'tile-unknown-medium',
      'tile-maint-high',
      'tile-ok-critical',
    ]);
  });
});

describe('wall: headline and header', () => {
  it('shows the verdict sentence with the internal and external status, each as icon + word', () => {
    const summary = 'Hospital systems normal. 7 of 9 external links slow since 07:31 — likely our internet connection or provider, not the partners.';
    render(<Wall state={aLiveState(aSnapshot({ verdict: aVerdict({ external: 'degraded', cause: 'perimeter', summary }) }))} />);
    const verdict = screen.getByTestId('verdict');
    expect(within(verdict).getByText(summary)).toBeTruthy();
    expect(within(verdict).getByText('Internal').closest('.status-badge')?.textContent).toBe('InternalOperational');
    expect(within(verdict).getByText('External').closest('.status-badge')?.textContent).toBe('ExternalDegraded');
    expect(verdict.querySelectorAll('svg')).toHaveLength(2);
  });

  it('shows the site, its local time and LIVE', () => {
    render(<Wall state={aLiveState()} />);
    expect(screen.getByRole('heading', { level: 1, name: 'UZ Gent' })).toBeTruthy();
    expect(screen.getByTestId('clock').textContent).toContain('07:45:00');
    const connection = screen.getByTestId('connection');
    expect(connection.dataset.state).toBe('live');
    expect(connection.textContent).toContain('LIVE');
    expect(screen.queryByText(/STALE/)).toBeNull();
    act(() => vi.advanceTimersByTime(2_000));
    expect(screen.getByTestId('clock').textContent).toContain('07:45:02');
  });
});

describe('wall: data that is not current', () => {
  it('says STALE with the time of the last update, and never presents the old state as current', () => {
    render(<Wall state={aLiveState(aSnapshot(), { connection: 'stale', lastUpdateAt: T0 - 15_000 })} />);
    expect(screen.getByRole('banner').textContent).toContain('STALE — last update 07:44:45');
    const connection = screen.getByTestId('connection');
    expect(connection.dataset.state).toBe('stale');
    expect(connection.textContent).toContain('STALE');
    expect(connection.textContent).not.toContain('LIVE');
    expect(screen.getByTestId('verdict').textContent).toMatch(/^Last known: Hospital systems normal/);
    expect(tile('synlab-results').closest('[data-current]')?.getAttribute('data-current')).toBe('false');
  });

  it('says OFFLINE and STALE when the connection is lost', () => {
    render(<Wall state={aLiveState(aSnapshot(), { connection: 'offline', lastUpdateAt: T0 - 60_000 })} />);
    expect(screen.getByTestId('connection').textContent).toContain('OFFLINE');
    expect(screen.getByRole('banner').textContent).toContain('STALE — last update 07:44:00');
    expect(screen.getByRole('alert').textContent).toContain('reconnecting');
  });

  it('says so while waiting for the first data, and shows no tiles', () => {
    render(<Wall state={INITIAL_LIVE_STATE} />);
    expect(screen.getByText('Connecting to the Lifeline server…')).toBeTruthy();
    expect(screen.getByTestId('connection').dataset.state).toBe('connecting');
    expect(screen.queryAllByRole('article')).toHaveLength(0);
  });

  it('says it cannot reach the server when it never could', () => {
    render(<Wall state={{ ...INITIAL_LIVE_STATE, connection: 'offline' }} />);
    expect(screen.getByText('Cannot reach the Lifeline server — retrying…')).toBeTruthy();
  });
});

describe('wall: demo', () => {
  it('says loudly that partners are simulated, and which scenario runs', () => {
    render(<Wall state={aLiveState(aSnapshot({ demo: { scenario: 'ddos-morning', label: 'Demo' } }))} />);
    expect(screen.getByTestId('demo-banner').textContent).toBe('DEMO — partners are simulated on this machine (scenario: ddos-morning)');
  });

  it('shows no demo banner for a real site', () => {
    render(<Wall state={aLiveState()} />);
    expect(screen.queryByText(/DEMO/)).toBeNull();
  });
});

describe('wall: a common cause is one group', () => {
  const ext = (id: string, status: Status) => anIntegration({ id, name: id, partner: `${id} partner`, status });
  const members = ['a', 'b', 'c'].map((id) => aMember({ integrationId: id, name: id, status: 'down' }));

  it('frames the links of a perimeter incident together, with its member count, worst first', () => {
    const snapshot = aSnapshot({
      integrations: [anIntegration({ id: 'engine', side: 'internal' }), ext('a', 'degraded'), ext('b', 'down'), ext('c', 'degraded'), ext('d', 'operational')],
      incidents: [anIncident({ members })],
    });
    render(<Wall state={aLiveState(snapshot)} />);
    const group = screen.getByTestId('group-inc-1');
    expect(within(group).getByRole('heading', { level: 3, name: /Common cause outside: our internet connection or provider/ }).textContent).toContain('3 links affected');
    expect(group.dataset.count).toBe('3');
    expect(within(group).getAllByRole('article').map((a) => a.dataset.testid)).toEqual(['tile-b', 'tile-a', 'tile-c']);
    expect(tileIds('external')).toEqual(['tile-b', 'tile-a', 'tile-c', 'tile-d']);
    expect(within(screen.getByTestId('side-external')).getByTestId('tile-d').closest('[data-testid^="group-"]')).toBeNull();
  });

  it('names the hospital system an internal incident is about', () => {
    const snapshot = aSnapshot({
      integrations: [anIntegration({ id: 'engine', name: 'Interface engine', side: 'internal', status: 'down' }), ext('a', 'down'), ext('b', 'down')],
      incidents: [anIncident({ kind: 'internal', subject: 'engine', members: [aMember({ integrationId: 'engine' }), ...members.slice(0, 2)] })],
    });
    render(<Wall state={aLiveState(snapshot)} />);
    expect(within(screen.getByTestId('group-inc-1')).getByText('Inside the hospital: Interface engine and what depends on it')).toBeTruthy();
  });
});

describe('wall: off the kiosk, tiles lead to their detail', () => {
  it('links each name when not a kiosk, and none on the kiosk', () => {
    render(<Wall state={aLiveState()} kiosk={false} />);
    expect(within(tile('synlab-results')).getByRole('link', { name: 'Synlab lab results' }).getAttribute('href')).toBe('/integrations/synlab-results');
    cleanup();
    render(<Wall state={aLiveState()} />);
    expect(screen.queryAllByRole('link')).toHaveLength(0);
  });
});

describe('wall: languages', () => {
  const perimeter = aSnapshot({
    verdict: aVerdict({ external: 'degraded', cause: 'perimeter', since: new Date(T0 - 14 * 60_000).toISOString(), summary: 'English server sentence.' }),
    integrations: [
      anIntegration({ id: 'interface-engine', name: 'Interface engine', side: 'internal' }),
      anIntegration({ status: 'degraded', reasons: ['slow: 2300 ms, above 1500 ms'], attribution: { cause: 'perimeter' } }),
    ],
  });

  it.each([
    ['nl', 'Ziekenhuissystemen normaal. 1 van 1 externe koppeling traag sinds 07:31', 'Verstoord', 'sinds 12 min', 'INTERN', 'LIVE', 'wo 26 nov'],
    ['fr', 'Systèmes de l’hôpital normaux. 1 lien externe sur 1 lent depuis 07:31', 'Dégradé', 'depuis 12 min', 'INTERNE', 'EN DIRECT', 'mer. 26 nov.'],
  ] as const)('%s: headline from the verdict’s fields, words, durations, the day', (language, headline, word, held, side, live, day) => {
    render(<Wall state={aLiveState(perimeter)} />);
    speak(language);
    expect(screen.getByTestId('headline').textContent).toContain(headline);
    expect(screen.getByTestId('headline').getAttribute('lang')).toBe(language);
    expect(within(tile('synlab-results')).getByText(word)).toBeTruthy();
    expect(within(tile('synlab-results')).getByText(held)).toBeTruthy();
    expect(within(tile('synlab-results')).getByText('slow: 2300 ms, above 1500 ms').getAttribute('lang')).toBe('en');
    expect(within(screen.getByTestId('side-internal')).getByRole('heading', { level: 2 }).textContent?.toUpperCase()).toContain(side);
    expect(screen.getByTestId('connection').textContent).toContain(live);
    expect(screen.getByTestId('clock').textContent?.toLowerCase()).toContain(day);
  });

  it('keeps the server’s English sentence in English', () => {
    render(<Wall state={aLiveState(perimeter)} />);
    expect(screen.getByTestId('headline').textContent).toBe('English server sentence.');
    expect(screen.getByTestId('headline').getAttribute('lang')).toBe('en');
  });

  it.each([
    ['nl', 'VEROUDERD — laatste update 07:44:45', 'Laatst bekend: '],
    ['fr', 'PÉRIMÉ — dernière mise à jour 07:44:45', 'Dernier état connu : '],
  ] as const)('%s: stale', (language, stale, lastKnown) => {
    render(<Wall state={aLiveState(aSnapshot(), { connection: 'stale', lastUpdateAt: T0 - 15_000 })} />);
    speak(language);
    expect(screen.getByRole('banner').textContent).toContain(stale);
    expect(screen.getByTestId('verdict').textContent).toContain(lastKnown);
  });
});
