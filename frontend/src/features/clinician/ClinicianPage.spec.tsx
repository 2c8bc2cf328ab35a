import { act, cleanup, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IntegrationSnapshot, Status } from '@lifeline/shared';
import { STALE_AFTER_MS } from '@lifeline/shared';
import { API } from '../../api/types';
import { aSnapshot, aVerdict, anIntegration, T0 } from '../../testing/builders';
import { fakeApi } from '../../testing/fake-api';
import { renderWithProviders, speak } from '../../testing/render-with-providers';
import ClinicianPage from './ClinicianPage';

beforeEach(() => vi.useFakeTimers({ now: T0, shouldAdvanceTime: true }));
afterEach(() => {
  cleanup();
  speak('en');
  vi.useRealTimers();
});

const min = 60_000;
const catalog = [
  {
    id: 'synlab-results',
    clinician: { summary: 'Results of tests sent to the Synlab lab', fallback: 'Phone the Synlab lab for urgent results', contact: 'Synlab customer service, +32 9 000 00 00' },
  },
];
const engine = anIntegration({ id: 'interface-engine', name: 'Interface engine', side: 'internal', category: 'application', partner: undefined });
const synlab = (status: Status, extra: Partial<IntegrationSnapshot> = {}) => anIntegration({ status, since: new Date(T0 - 23 * min).toISOString(), ...extra });

async function show(integrations: IntegrationSnapshot[], verdict = aVerdict()) {
  const r = renderWithProviders(<ClinicianPage />, fakeApi({ [API.integrations]: catalog }));
  r.send({ type: 'snapshot', snapshot: aSnapshot({ integrations, verdict }) });
  await screen.findByText('Results of tests sent to the Synlab lab');
  return r;
}
const card = () => screen.getByTestId('source-synlab-results');

describe('clinician view: each source in plain words', () => {
  it('OK: says so, with the fallback tucked away', async () => {
    await show([engine, synlab('operational')]);
    expect(within(card()).getByRole('heading', { name: 'Lab results · Synlab' })).toBeTruthy();
    expect(within(card()).getByText('OK')).toBeTruthy();
    expect(within(card()).queryByTestId('late')).toBeNull();
    expect(card().querySelector('details')?.open).toBe(false);
    expect(screen.getByTestId('hospital-line').textContent).toBe('Hospital systems are working normally');
    expect(screen.getByTestId('outside-line').textContent).toBe('All outside data sources are working normally.');
  });

  it('Delayed: how late (from the server’s delay), since when, what to do and whom to call', async () => {
    await show([engine, synlab('degraded', { delay: 12 * min })], aVerdict({ external: 'degraded', cause: 'perimeter' }));
    expect(within(card()).getByText('Delayed')).toBeTruthy();
    expect(within(card()).getByText('since 07:22')).toBeTruthy();
    expect(within(card()).getByTestId('late').textContent).toBe('Results may arrive up to ~10 min late');
    expect(within(card()).getByText('Phone the Synlab lab for urgent results')).toBeTruthy();
    expect(within(card()).getByText('Synlab customer service, +32 9 000 00 00')).toBeTruthy();
    expect(screen.getByTestId('outside-line').textContent).toMatch(/internet connection or provider/);
  });

  it('Delayed without a known delay: "may arrive late"', async () => {
    await show([engine, synlab('degraded')]);
    expect(within(card()).getByTestId('late').textContent).toBe('Results may arrive late');
  });

  it('Unavailable: late by as long as it has been down', async () => {
    await show([engine, synlab('down')]);
    expect(within(card()).getByText('Unavailable')).toBeTruthy();
    expect(within(card()).getByTestId('late').textContent).toBe('Results may arrive up to ~25 min late');
  });

  it('unknown and maintenance', async () => {
    const maintenance = { start: new Date(T0 - min).toISOString(), end: '2025-11-26T09:00:00+01:00', reason: 'upgrade' };
    await show([engine, synlab('unknown'), anIntegration({ id: 'cozo', category: 'regional-records', partner: 'CoZo', status: 'maintenance', maintenance })]);
    expect(within(card()).getByText('Status not confirmed')).toBeTruthy();
    const cozo = screen.getByTestId('source-cozo');
    expect(within(cozo).getByText('Planned maintenance')).toBeTruthy();
    expect(within(cozo).getByText('until 09:00')).toBeTruthy();
  });

  it('sums up the hospital’s own systems in one line, and does not list them', async () => {
    await show([anIntegration({ ...engine, status: 'down' }), synlab('operational')]);
    expect(screen.getByTestId('hospital-line').textContent).toBe('Some hospital systems have problems (Interface engine) — ICT is on it');
    expect(screen.queryByTestId('source-interface-engine')).toBeNull();
  });
});

describe('clinician view: data that is not current', () => {
  it('says so and greys out rather than showing old OK as current; live again on new data', async () => {
    const r = await show([engine, synlab('operational')]);
    act(() => vi.advanceTimersByTime(STALE_AFTER_MS));
    expect(screen.getByRole('alert').textContent).toMatch(/^This page is not up to date \(last update 07:45\)/);
    expect(screen.getByTestId('hospital-line').textContent).toMatch(/^Last known: /);
    expect(document.querySelector('[data-current]')?.getAttribute('data-current')).toBe('false');
    r.send({ type: 'tick', event: { seq: 101, serverTime: new Date().toISOString() } });
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('clinician view: languages', () => {
  it.each([
    ['nl', 'Labresultaten · Synlab', 'Niet beschikbaar', 'Resultaten kunnen tot ~25 min te laat aankomen', 'De ziekenhuissystemen werken normaal'],
    ['fr', 'Résultats de laboratoire · Synlab', 'Indisponible', 'Les résultats peuvent arriver avec jusqu’à ~25 min de retard', 'Les systèmes de l’hôpital fonctionnent normalement'],
  ] as const)('%s', async (language, heading, word, late, hospital) => {
    await show([engine, synlab('down')]);
    speak(language);
    expect(within(card()).getByRole('heading', { name: heading })).toBeTruthy();
    expect(within(card()).getByText(word)).toBeTruthy();
    expect(within(card()).getByTestId('late').textContent).toBe(late);
    expect(screen.getByTestId('hospital-line').textContent).toBe(hospital);
  });
});
