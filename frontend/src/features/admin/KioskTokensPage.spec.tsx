import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/api-client';
import type { CreatedKioskToken, KioskTokenView } from '../../api/auth-types';
import { aSnapshot, T0 } from '../../testing/builders';
import { fakeApi } from '../../testing/fake-api';
import { renderWithProviders, speak } from '../../testing/render-with-providers';
import KioskTokensPage from './KioskTokensPage';

afterEach(() => {
  cleanup();
  speak('en');
});

const admin = { kind: 'user', role: 'admin', user: { email: 'admin@uzgent.be', displayName: 'Admin' } };
const at = (minAgo: number) => new Date(T0 - minAgo * 60_000).toISOString();
const aToken = (o: Partial<KioskTokenView>): KioskTokenView => ({ id: 'k-1', name: 'ICT room left', createdBy: 'admin@uzgent.be', createdAt: at(600), revokedAt: null, lastUsedAt: at(1), ...o });
const left = aToken({});
const old = aToken({ id: 'k-0', name: 'Old lobby screen', createdAt: at(9000), revokedAt: at(8000), lastUsedAt: null });
const TOKEN = 'llk_secret-token-shown-once';
const created: CreatedKioskToken = { ...aToken({ id: 'k-2', name: 'Emergency desk', createdAt: at(0), lastUsedAt: null }), token: TOKEN, url: `/wall?kiosk=${TOKEN}` };

async function show(routes: Record<string, unknown> = {}, copy = vi.fn(() => Promise.resolve())) {
  const r = renderWithProviders(<KioskTokensPage copy={copy} />, fakeApi({ '/api/auth/me': admin, '/api/kiosk-tokens': [old, left], ...routes }));
  r.send({ type: 'snapshot', snapshot: aSnapshot() });
  await screen.findByTestId('kiosk-token-ICT room left');
  return { ...r, copy };
}

describe('wall screens', () => {
  it('are for admins only', async () => {
    renderWithProviders(<KioskTokensPage />, fakeApi({ '/api/auth/me': { kind: 'kiosk', role: 'viewer', name: 'x' } }));
    expect((await screen.findByTestId('admin-only')).textContent).toMatch(/^Only administrators/);
    expect(screen.queryByRole('button', { name: 'Create kiosk link' })).toBeNull();
  });

  it('lists active screens first, with who made them and when they were last used', async () => {
    await show();
    const rows = screen.getAllByRole('row').slice(1).map((r) => [...r.querySelectorAll('td')].slice(0, 5).map((c) => c.textContent));
    expect(rows).toEqual([
      ['ICT room left', 'admin@uzgent.be', '25 Nov 21:45', '07:44', 'Active'],
      ['Old lobby screen', 'admin@uzgent.be', '20 Nov 01:45', 'never', 'Revoked 20 Nov 18:25'],
    ]);
    expect(within(screen.getByTestId('kiosk-token-Old lobby screen')).queryByRole('button')).toBeNull();
  });

  it('creates a token and shows its link once, with a copy button; "Done" forgets it', async () => {
    const { api, copy } = await show({ 'POST /api/kiosk-tokens': created });
    fireEvent.change(screen.getByLabelText('Name of the screen'), { target: { value: ' Emergency desk ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create kiosk link' }));
    const once = await screen.findByTestId('kiosk-once');
    expect(document.activeElement).toBe(within(once).getByRole('heading', { name: 'Kiosk link for Emergency desk' }));
    expect(once.textContent).toContain('Copy it now: it will not be shown again.');
    const url = `${location.origin}/wall?kiosk=${TOKEN}`;
    expect(within(once).getByTestId('kiosk-url').textContent).toBe(url);
    fireEvent.click(within(once).getByRole('button', { name: 'Copy link' }));
    await within(once).findByText('Copied.');
    expect(copy).toHaveBeenCalledWith(url);
    expect(within(once).getByTestId('kiosk-token').textContent).toBe(TOKEN);
    fireEvent.click(within(once).getByRole('button', { name: 'Copy token' }));
    await waitFor(() => expect(copy).toHaveBeenLastCalledWith(TOKEN));
    expect(screen.getByTestId('kiosk-token-Emergency desk')).toBeTruthy();
    expect(api.requests.filter((r) => r.method === 'POST')).toEqual([{ method: 'POST', path: '/api/kiosk-tokens', body: { name: 'Emergency desk' } }]);

    fireEvent.click(within(once).getByRole('button', { name: 'Done' }));
    expect(screen.queryByTestId('kiosk-once')).toBeNull();
    expect(document.body.textContent).not.toContain(TOKEN);
    expect(document.activeElement).toBe(screen.getByLabelText('Name of the screen'));
  });

  it('says when copying did not work', async () => {
    await show({ 'POST /api/kiosk-tokens': created }, vi.fn(() => Promise.reject(new Error('denied'))));
    fireEvent.change(screen.getByLabelText('Name of the screen'), { target: { value: 'Emergency desk' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create kiosk link' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Copy link' }));
    expect(await screen.findByText('Could not copy: select the link and copy it by hand.')).toBeTruthy();
  });

  it('needs a name', async () => {
    const { api } = await show();
    fireEvent.click(screen.getByRole('button', { name: 'Create kiosk link' }));
    expect(screen.getByLabelText('Name of the screen').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(screen.getByLabelText('Name of the screen'));
    expect(api.requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('revokes after asking; cancelling puts the focus back', async () => {
    let gone = false;
    const { api } = await show({
      'DELETE /api/kiosk-tokens/k-1': () => void (gone = true),
      '/api/kiosk-tokens': () => [old, gone ? { ...left, revokedAt: at(0), lastUsedAt: at(0) } : left],
    });
    const revoke = screen.getByRole('button', { name: 'Revoke ICT room left' });
    fireEvent.click(revoke);
    const question = screen.getByRole('group', { name: 'Revoke ICT room left? The screen is disconnected at once.' });
    expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'Yes, revoke' }));
    fireEvent.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Revoke ICT room left' }));

    fireEvent.click(screen.getByRole('button', { name: 'Revoke ICT room left' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, revoke' }));
    await waitFor(() => expect(screen.getByTestId('admin-said').textContent).toBe('ICT room left revoked; the screen is disconnected.'));
    expect(screen.getByTestId('kiosk-token-ICT room left').textContent).toMatch(/Revoked \d\d:\d\d/);
    expect(api.requests.filter((r) => r.method === 'DELETE')).toEqual([{ method: 'DELETE', path: '/api/kiosk-tokens/k-1' }]);
    // Then the server's word on it: revoked at 07:45, last used then too.
    await waitFor(() => expect(screen.getByTestId('kiosk-token-ICT room left').textContent).toBe('ICT room leftadmin@uzgent.be25 Nov 21:4507:45Revoked 07:45'));
  });

  it('says why a revocation failed', async () => {
    await show({ 'DELETE /api/kiosk-tokens/k-1': new ApiError(404, 'no active kiosk token k-1') });
    fireEvent.click(screen.getByRole('button', { name: 'Revoke ICT room left' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, revoke' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Not saved: no active kiosk token k-1');
  });

  it('speaks Dutch', async () => {
    await show();
    speak('nl');
    expect(screen.getByRole('heading', { level: 1, name: 'Wandschermen' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Intrekken: ICT room left' })).toBeTruthy();
    expect(screen.getByText('nooit')).toBeTruthy();
  });
});
