import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IncidentSnapshot } from '@lifeline/shared';
import { ApiError } from '../../api/api-client';
import { aMember, aSnapshot, anIncident, T0 } from '../../testing/builders';
import { fakeApi } from '../../testing/fake-api';
import { renderWithProviders, speak } from '../../testing/render-with-providers';
import IncidentsPage from './IncidentsPage';
import { NAME_STORAGE_KEY } from './use-your-name';

beforeEach(() => {
  vi.useFakeTimers({ now: T0, shouldAdvanceTime: true });
  localStorage.clear();
});
afterEach(() => {
  cleanup();
  speak('en');
  vi.useRealTimers();
});

const at = (minAgo: number) => new Date(T0 - minAgo * 60_000).toISOString();
const open = anIncident({
  members: [aMember(), aMember({ integrationId: 'cozo-hub', name: 'CoZo regional records hub', partner: 'CoZo', status: 'down', worst: 'down' })],
});
const resolved = anIncident({
  id: 'inc-0',
  kind: 'partner',
  subject: 'Synlab',
  title: 'Synlab links failing',
  status: 'operational',
  worst: 'down',
  openedAt: at(120),
  resolvedAt: at(90),
  members: [aMember({ joinedAt: at(120), leftAt: at(90), leftAs: 'recovered', worst: 'down' })],
  acknowledgements: [{ by: 'Jan (ICT)', at: at(110), note: 'calling Synlab' }],
  notes: [{ by: 'Jan (ICT)', at: at(100), text: 'Synlab confirms a server problem' }],
});

/** Without an `/api/auth/me` route the fake backend has no sign-in (404): people type their name. */
async function show(list: IncidentSnapshot[] = [resolved, open], routes: Record<string, unknown> = {}) {
  const r = renderWithProviders(<IncidentsPage />, fakeApi({ '/api/incidents': list, ...routes }));
  r.send({ type: 'snapshot', snapshot: aSnapshot() });
  await screen.findByTestId('open-incidents');
  if (!routes['/api/auth/me']) await screen.findByLabelText('Your name');
  return r;
}
const card = (id: string) => screen.getByTestId(`incident-${id}`);

describe('incidents: open and recent', () => {
  it('shows open ones first, then resolved ones, each with attribution, members and timeline', async () => {
    await show();
    const openCard = within(screen.getByTestId('open-incidents')).getByTestId('incident-inc-1');
    expect(within(openCard).getByRole('heading', { name: 'Common cause outside: our internet connection or provider' })).toBeTruthy();
    expect(openCard.textContent).toContain('Opened 07:31');
    expect(openCard.textContent).toContain('ongoing for 14 min');
    expect(within(openCard).getByTestId('acks').textContent).toBe('Acknowledged: Not acknowledged yet');
    const members = within(openCard).getAllByRole('row').slice(1).map((r) => r.textContent);
    expect(members).toEqual(['Synlab lab results · SynlabDegraded07:31still affected', 'CoZo regional records hub · CoZoDown07:31still affected']);
    expect(within(openCard).getByText('Opened: Synlab lab results degraded')).toBeTruthy();

    const old = within(screen.getByTestId('recent-incidents')).getByTestId('incident-inc-0');
    expect(within(old).getByRole('heading', { name: 'One partner: Synlab' })).toBeTruthy();
    expect(old.textContent).toContain('Resolved 06:15 · lasted 30 min');
    expect(within(old).getByTestId('acks').textContent).toBe('Acknowledged: Jan (ICT) at 05:55 — calling Synlab');
    expect(old.textContent).toContain('Synlab confirms a server problem');
    expect(within(old).getByText('recovered')).toBeTruthy();
    expect(within(old).queryByRole('button', { name: 'Acknowledge' })).toBeNull(); // nothing to acknowledge once resolved
  });

  it('follows live incident events without refetching', async () => {
    const { send, api } = await show([]);
    expect(screen.getByText('No open incidents.')).toBeTruthy();
    send({ type: 'incident.opened', event: { seq: 101, incident: open } });
    expect(within(screen.getByTestId('open-incidents')).getByTestId('incident-inc-1')).toBeTruthy();
    send({ type: 'incident.resolved', event: { seq: 102, incident: { ...open, status: 'operational', resolvedAt: at(0) } } });
    expect(within(screen.getByTestId('recent-incidents')).getByTestId('incident-inc-1')).toBeTruthy();
    expect(api.requests.filter((r) => r.path === '/api/incidents')).toHaveLength(1);
  });
});

describe('incidents: acknowledge and add notes, as "your name"', () => {
  it('asks for a name first', async () => {
    const { api } = await show();
    fireEvent.click(within(card('inc-1')).getByRole('button', { name: 'Acknowledge' }));
    expect(within(card('inc-1')).getByRole('alert').textContent).toBe('Enter your name first.');
    expect(document.activeElement?.id).toBe('your-name');
    expect(api.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('acknowledges with an optional note, sends the name as `by`, and remembers the name', async () => {
    const acked = { ...open, acknowledgements: [{ by: 'An Peeters', at: at(0), note: 'on it' }] };
    const { api } = await show(undefined, { 'POST /api/incidents/inc-1/ack': acked });
    fireEvent.change(screen.getByLabelText('Your name'), { target: { value: 'An Peeters' } });
    expect(localStorage.getItem(NAME_STORAGE_KEY)).toBe('An Peeters');
    fireEvent.change(within(card('inc-1')).getByLabelText('Note with the acknowledgement (optional)'), { target: { value: ' on it ' } });
    fireEvent.click(within(card('inc-1')).getByRole('button', { name: 'Acknowledge' }));
    await waitFor(() => expect(within(card('inc-1')).getByTestId('acks').textContent).toBe('Acknowledged: An Peeters at 07:45 — on it'));
    expect(api.requests.filter((r) => r.method === 'POST')).toEqual([{ method: 'POST', path: '/api/incidents/inc-1/ack', body: { by: 'An Peeters', note: 'on it' } }]);
  });

  it('adds a note, with the remembered name', async () => {
    localStorage.setItem(NAME_STORAGE_KEY, 'Jan (ICT)');
    const noted = { ...open, notes: [{ by: 'Jan (ICT)', at: at(0), text: 'Provider confirms the DDoS' }] };
    const { api } = await show(undefined, { 'POST /api/incidents/inc-1/notes': noted });
    expect((screen.getByLabelText('Your name') as HTMLInputElement).value).toBe('Jan (ICT)');
    const textarea = within(card('inc-1')).getByLabelText('New note');
    fireEvent.change(textarea, { target: { value: 'Provider confirms the DDoS' } });
    fireEvent.click(within(card('inc-1')).getByRole('button', { name: 'Add note' }));
    await within(card('inc-1')).findByText('Provider confirms the DDoS');
    expect((textarea as HTMLTextAreaElement).value).toBe('');
    expect(api.requests.at(-1)).toEqual({ method: 'POST', path: '/api/incidents/inc-1/notes', body: { by: 'Jan (ICT)', text: 'Provider confirms the DDoS' } });
  });

  it('shows what the server refused, by field', async () => {
    localStorage.setItem(NAME_STORAGE_KEY, 'Jan');
    const refused = new ApiError(400, 'text: must not be empty', [{ path: 'text', message: 'must not be empty' }]);
    await show(undefined, { 'POST /api/incidents/inc-1/notes': refused });
    fireEvent.click(within(card('inc-1')).getByRole('button', { name: 'Add note' }));
    expect((await within(card('inc-1')).findByRole('alert')).textContent).toBe('Not saved: text: must not be empty');
  });

  it('says when the list cannot be loaded', async () => {
    renderWithProviders(<IncidentsPage />, fakeApi({ '/api/incidents': new ApiError(503, 'database unavailable') }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Could not load: database unavailable/);
  });
});

describe('incidents: once the backend has sign-in', () => {
  const me = (role: string) => ({ kind: 'user', role, user: { displayName: 'An Peeters', email: 'an@uzgent.be' } });

  it('a signed-in operator acts as themself: no name field, no `by` sent', async () => {
    const acked = { ...open, acknowledgements: [{ by: 'An Peeters <an@uzgent.be>', at: at(0) }] };
    const { api } = await show(undefined, { '/api/auth/me': me('operator'), 'POST /api/incidents/inc-1/ack': acked });
    await within(card('inc-1')).findByRole('button', { name: 'Acknowledge' });
    expect(screen.queryByLabelText('Your name')).toBeNull();
    fireEvent.click(within(card('inc-1')).getByRole('button', { name: 'Acknowledge' }));
    await waitFor(() => expect(within(card('inc-1')).getByTestId('acks').textContent).toContain('An Peeters <an@uzgent.be> at 07:45'));
    expect(api.requests.filter((r) => r.method === 'POST')).toEqual([{ method: 'POST', path: '/api/incidents/inc-1/ack', body: {} }]);
  });

  it('a visitor (signed out, demo viewer, wall screen) is asked to sign in, and offered no actions', async () => {
    await show(undefined, { '/api/auth/me': { kind: 'anonymous', role: 'viewer' } });
    const notice = await screen.findByTestId('sign-in-needed');
    expect(notice.textContent).toBe('Sign in as an operator to acknowledge incidents and add notes. Sign in');
    expect(within(notice).getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/login?next=%2Fincidents');
    expect(screen.queryByRole('button', { name: 'Acknowledge' })).toBeNull();
    expect(screen.queryByLabelText('Your name')).toBeNull();
  });

  it('a wall screen’s kiosk token is offered no actions either', async () => {
    await show(undefined, { '/api/auth/me': { kind: 'kiosk', role: 'viewer', name: 'ICT room left' } });
    await screen.findByTestId('sign-in-needed');
    expect(screen.queryByRole('button', { name: 'Acknowledge' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add note' })).toBeNull();
  });

  it('a signed-in viewer is told the role it takes', async () => {
    await show(undefined, { '/api/auth/me': me('viewer') });
    expect(await screen.findByText('Acknowledging and notes need the operator role; you are signed in as viewer.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Add note' })).toBeNull();
  });
});

describe('incidents: languages', () => {
  it.each([
    ['nl', 'Gemeenschappelijke oorzaak buiten: onze internetverbinding of provider', 'Bevestigen', 'Uw naam'],
    ['fr', 'Cause commune à l’extérieur : notre connexion internet ou notre opérateur', 'Prendre en charge', 'Votre nom'],
  ] as const)('%s', async (language, heading, ack, name) => {
    await show();
    speak(language);
    expect(within(card('inc-1')).getByRole('heading', { name: heading })).toBeTruthy();
    expect(within(card('inc-1')).getByRole('button', { name: ack })).toBeTruthy();
    expect(screen.getByLabelText(name)).toBeTruthy();
  });
});
