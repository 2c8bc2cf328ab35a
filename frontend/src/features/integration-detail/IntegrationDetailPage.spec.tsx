import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Status } from '@lifeline/shared';
import { STALE_AFTER_MS } from '@lifeline/shared';
import type { IntegrationHistory } from '../../api/types';
import { aMember, aSnapshot, anIncident, anIntegration, T0 } from '../../testing/builders';
import { fakeApi } from '../../testing/fake-api';
import { renderWithProviders, speak } from '../../testing/render-with-providers';
import IntegrationDetailPage from './IntegrationDetailPage';

beforeEach(() => vi.useFakeTimers({ now: T0, shouldAdvanceTime: true }));
afterEach(() => {
  cleanup();
  speak('en');
  vi.useRealTimers();
});

const at = (minAgo: number) => new Date(T0 - minAgo * 60_000).toISOString();
const HISTORY = '/api/integrations/synlab-results/history';
const history: IntegrationHistory = {
  id: 'synlab-results',
  from: at(60),
  to: at(0),
  transitions: [
    { from: 'operational', to: 'degraded', at: at(14), reasons: ['slow: 2300 ms, above 1500 ms'] },
    { from: 'degraded', to: 'down', at: at(4), reasons: ['2 consecutive failures (timeout)'] },
  ],
  results: [
    { checkId: 'synlab-results#0', startedAt: at(1), durationMs: 5000, ok: false, errorClass: 'timeout', stage: 'response', message: 'no answer within 5000 ms' },
    { checkId: 'synlab-results#1', startedAt: at(2), durationMs: 3, ok: false, errorClass: 'refused', stage: 'connect', message: 'connection refused' },
    { checkId: 'synlab-results#0', startedAt: at(20), durationMs: 340, ok: true, errorClass: null, stage: null, message: null },
  ],
};
const integrations = (status: Status = 'down') => [
  anIntegration({ id: 'interface-engine', name: 'Interface engine', side: 'internal', category: 'application', partner: undefined, dependsOn: [] }),
  anIntegration({ status, since: at(4), latencyMs: 5000, reasons: ['2 consecutive failures (timeout)'], attribution: { cause: 'perimeter' } }),
  anIntegration({ id: 'lab-portal', name: 'Lab portal', dependsOn: ['synlab-results'] }),
];
const incident = anIncident({ members: [aMember()] });

async function show(id = 'synlab-results', status: Status = 'down') {
  const api = fakeApi({ [HISTORY]: history, '/api/incidents': [incident, anIncident({ id: 'other', members: [aMember({ integrationId: 'x' })] })] });
  const r = renderWithProviders(<IntegrationDetailPage id={id} />, api);
  r.send({ type: 'snapshot', snapshot: aSnapshot({ integrations: integrations(status) }) });
  if (id === 'synlab-results') await screen.findByTestId('results');
  return r;
}

describe('integration detail', () => {
  it('says what it is and how it is: status, for how long, latency, cause and why', async () => {
    await show();
    expect(screen.getByRole('heading', { level: 1, name: 'Synlab lab results' })).toBeTruthy();
    const status = screen.getByTestId('detail-status');
    expect(within(status).getByText('Down')).toBeTruthy();
    expect(status.textContent).toContain('for 4 min');
    expect(status.textContent).toContain('Latency: 5000 ms');
    expect(screen.getByText('Cause: our internet connection or provider (many links at once)')).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Why' }).textContent).toBe('2 consecutive failures (timeout)');
  });

  it.each(['operational', 'degraded', 'unknown', 'maintenance'] as const)('shows a %s integration', async (status) => {
    await show('synlab-results', status);
    expect(screen.getByTestId('detail-status').dataset.status).toBe(status);
  });

  it('shows the status timeline, newest change first', async () => {
    await show();
    const changes = screen.getAllByTestId('transition').map((li) => li.textContent);
    expect(changes).toEqual(['07:41 Degraded → Down — 2 consecutive failures (timeout)', '07:31 Operational → Degraded — slow: 2300 ms, above 1500 ms']);
  });

  it('lists recent results with their error classes, and sums latency up for screen readers', async () => {
    await show();
    const rows = within(screen.getByTestId('results')).getAllByRole('row').slice(1);
    expect(rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent))).toEqual([
      ['07:44:00', 'synlab-results#0', 'Failed', '5000 ms', 'timeout (response)', 'no answer within 5000 ms'],
      ['07:43:00', 'synlab-results#1', 'Failed', '3 ms', 'refused (connect)', 'connection refused'],
      ['07:25:00', 'synlab-results#0', 'OK', '340 ms', '', ''],
    ]);
    expect(screen.getByTestId('latency-chart').textContent).toContain('3 results; median 340 ms, 95th percentile 340 ms, slowest 340 ms; 2 failed.');
  });

  it('asks for 1 h, then 24 h or 7 d of history', async () => {
    const { api } = await show();
    const from = (path: string) => Date.parse(decodeURIComponent(new URL(path, 'http://x').searchParams.get('from')!));
    const historyRequests = () => api.requests.filter((r) => r.path.startsWith(HISTORY));
    expect(T0 - from(historyRequests()[0].path)).toBe(3_600_000);
    const day = screen.getByRole('button', { name: '24 h' });
    fireEvent.click(day);
    expect(day.getAttribute('aria-pressed')).toBe('true');
    expect(T0 - from(historyRequests().at(-1)!.path)).toBe(86_400_000);
    expect(historyRequests()[0].path).toContain('limit=10000');
  });

  it('refetches its history when it changes live', async () => {
    const { api, send } = await show();
    const before = api.requests.length;
    send({ type: 'integration.updated', event: { seq: 101, integration: integrations('degraded')[1] } });
    await act(() => vi.advanceTimersByTimeAsync(5_000));
    expect(api.requests.length).toBe(before + 1);
    send({ type: 'integration.updated', event: { seq: 102, integration: integrations()[0] } }); // another integration
    await act(() => vi.advanceTimersByTimeAsync(5_000));
    expect(api.requests.length).toBe(before + 1);
  });

  it('shows dependencies both ways, each linked, with their status', async () => {
    await show();
    expect(within(screen.getByTestId('needs')).getByRole('link', { name: 'Interface engine' }).getAttribute('href')).toBe('/integrations/interface-engine');
    expect(within(screen.getByTestId('needed-by')).getByRole('link', { name: 'Lab portal' })).toBeTruthy();
  });

  it('lists its incidents only, linking to them', async () => {
    await show();
    const list = await screen.findByTestId('integration-incidents');
    const links = within(list).getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['/incidents#inc-1']);
  });

  it('says when the data is not current', async () => {
    await show();
    act(() => vi.advanceTimersByTime(STALE_AFTER_MS));
    expect(screen.getByRole('alert').textContent).toBe('STALE — last update 07:45:00');
  });

  it('says when there is no such integration', async () => {
    await show('nope');
    expect(screen.getByText('There is no integration “nope”.')).toBeTruthy();
  });

  it('speaks Dutch', async () => {
    await show();
    speak('nl');
    expect(within(screen.getByTestId('detail-status')).getByText('Uitgevallen')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Statusverloop' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Wat haar nodig heeft' })).toBeTruthy();
  });
});
