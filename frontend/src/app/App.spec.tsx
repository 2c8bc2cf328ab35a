import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { API } from '../api/types';
import { LANGUAGE_STORAGE_KEY } from '../i18n/languages';
import { setLanguage } from '../i18n/i18n';
import { aSnapshot } from '../testing/builders';
import { fakeApi } from '../testing/fake-api';
import { renderWithProviders } from '../testing/render-with-providers';
import { App } from './App';

afterEach(() => {
  cleanup();
  act(() => setLanguage('en'));
  localStorage.clear();
  history.replaceState(null, '', '/');
});

function renderAt(path: string, search = '') {
  const r = renderWithProviders(<App path={path} search={search} />, fakeApi({ [API.integrations]: [], '/api/incidents': [] }));
  r.send({ type: 'snapshot', snapshot: aSnapshot() });
  return r;
}
const nav = () => screen.queryByRole('navigation', { name: 'Main' });

describe('routes', () => {
  it.each(['/', '/wall', '/wall/'])('shows the wall at %s', (path) => {
    renderAt(path);
    expect(screen.getByTestId('verdict')).toBeTruthy();
    expect(screen.getAllByTestId('connection')).toHaveLength(1);
  });

  it.each([
    ['/clinician', 'Data sources'],
    ['/incidents', 'Incidents'],
    ['/integrations/synlab-results', 'Synlab lab results'],
    ['/audit', 'Audit'],
    ['/setup', 'Set up Lifeline'],
    ['/admin/users', 'People'],
    ['/admin/kiosk-tokens', 'Wall screens'],
  ])('shows %s', async (path, heading) => {
    renderAt(path);
    expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeTruthy();
    expect(document.title).toMatch(/^Lifeline — /);
  });

  it('says what is not there, and where the wall is', () => {
    renderAt('/nowhere');
    expect(screen.getByRole('heading', { name: 'Not found' })).toBeTruthy();
    expect(screen.getByRole('link', { name: '/wall' }).getAttribute('href')).toBe('/wall');
  });
});

describe('navigation chrome', () => {
  it('is on every view but the kiosk wall, marks where you are, and offers a skip link', async () => {
    renderAt('/clinician');
    const links = within(nav()!).getAllByRole('link');
    expect(links.map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('aria-current')])).toEqual([
      ['Wall', '/', null],
      ['Clinicians', '/clinician', 'page'],
      ['Incidents', '/incidents', null],
      ['Audit', '/audit', null],
    ]);
    expect(screen.getByRole('link', { name: 'Skip to content' }).getAttribute('href')).toBe('#main');
    await screen.findByRole('heading', { level: 1 });
  });

  it.each([
    ['admin', ['Wall', 'Clinicians', 'Incidents', 'Audit', 'People', 'Wall screens']],
    ['operator', ['Wall', 'Clinicians', 'Incidents', 'Audit']],
  ])('shows the administration entries to admins only (%s)', async (role, entries) => {
    const me = { kind: 'user', role, user: { email: 'an@uzgent.be', displayName: 'An' } };
    const r = renderWithProviders(<App path="/incidents" />, fakeApi({ [API.integrations]: [], '/api/incidents': [], '/api/auth/me': me }));
    r.send({ type: 'snapshot', snapshot: aSnapshot() });
    await screen.findByText('Signed in as An');
    expect(within(nav()!).getAllByRole('link').map((a) => a.textContent)).toEqual(entries);
  });

  it.each([
    ['/wall', '', false],
    ['/', '', true],
    ['/', '?kiosk=1', false],
    ['/clinician', '?kiosk=1', false],
  ])('%s%s: navigation shown = %s', async (path, search, shown) => {
    renderAt(path, search);
    expect(nav() !== null).toBe(shown);
  });

  it('changes view without reloading when a link is followed', async () => {
    history.replaceState(null, '', '/clinician');
    const r = renderWithProviders(<App />, fakeApi({ [API.integrations]: [], '/api/incidents': [] }));
    r.send({ type: 'snapshot', snapshot: aSnapshot() });
    fireEvent.click(within(nav()!).getByRole('link', { name: 'Incidents' }));
    expect(location.pathname).toBe('/incidents');
    expect(await screen.findByRole('heading', { level: 1, name: 'Incidents' })).toBeTruthy();
  });
});

describe('language switch', () => {
  it('switches every word, says which is on, and remembers the choice', async () => {
    renderAt('/clinician');
    await screen.findByRole('heading', { level: 1, name: 'Data sources' });
    const group = screen.getByRole('group', { name: 'Language' });
    fireEvent.click(within(group).getByRole('button', { name: 'Nederlands' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Gegevensbronnen' })).toBeTruthy();
    expect(within(group).getByRole('button', { name: 'Nederlands' }).getAttribute('aria-pressed')).toBe('true');
    expect(within(screen.getByRole('navigation', { name: 'Hoofdmenu' })).getByRole('link', { name: 'Zorgverleners' })).toBeTruthy();
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('nl');
    expect(document.documentElement.lang).toBe('nl');
  });
});
