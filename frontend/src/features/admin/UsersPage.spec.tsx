import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-client';
import type { UserView } from '../../api/auth-types';
import { aSnapshot } from '../../testing/builders';
import { fakeApi } from '../../testing/fake-api';
import { renderWithProviders, speak } from '../../testing/render-with-providers';
import UsersPage from './UsersPage';

afterEach(() => {
  cleanup();
  speak('en');
});

const admin = { kind: 'user', role: 'admin', user: { email: 'admin@uzgent.be', displayName: 'Admin' } };
const aUser = (o: Partial<UserView>): UserView => ({
  id: 'u-1',
  email: 'ann@uzgent.be',
  displayName: 'Ann Peeters',
  role: 'operator',
  disabled: false,
  signIn: ['password'],
  lockedUntil: null,
  createdAt: '2025-11-01T09:00:00.000Z',
  ...o,
});
const ann = aUser({});
const jan = aUser({ id: 'u-2', email: 'jan@uzgent.be', displayName: 'Jan Claes', role: 'viewer', signIn: ['oidc'] });

async function show(routes: Record<string, unknown> = {}, me: unknown = admin) {
  const r = renderWithProviders(<UsersPage />, fakeApi({ '/api/auth/me': me, '/api/users': [jan, ann], ...routes }));
  r.send({ type: 'snapshot', snapshot: aSnapshot() });
  return r;
}
const row = (email: string) => screen.getByTestId(`user-${email}`);
const patches = (api: Awaited<ReturnType<typeof show>>['api']) => api.requests.filter((r) => r.method === 'PATCH' || r.method === 'POST');

describe('people: admins only', () => {
  it('tells others only administrators may, and asks for nothing', async () => {
    const { api } = await show({}, { kind: 'user', role: 'operator', user: { email: 'o@uzgent.be', displayName: 'Op' } });
    expect((await screen.findByTestId('admin-only')).textContent).toMatch(/^Only administrators manage people and wall screens\./);
    expect(screen.getByRole('link', { name: 'Sign in as an administrator' }).getAttribute('href')).toBe('/login?next=%2Fadmin%2Fusers');
    expect(api.requests.map((r) => r.path)).not.toContain('/api/users');
  });
});

describe('people: list and change', () => {
  it('lists people by name with role, sign-in and status', async () => {
    await show();
    await screen.findByTestId('user-ann@uzgent.be');
    const rows = screen.getAllByRole('row').slice(1).map((r) => [...r.querySelectorAll('td')].slice(0, 5).map((c) => c.querySelector('select')?.value ?? c.textContent));
    expect(rows).toEqual([
      ['Ann Peeters', 'ann@uzgent.be', 'operator', 'password', 'Active'],
      ['Jan Claes', 'jan@uzgent.be', 'viewer', 'organisation', 'Active'],
    ]);
  });

  it('changes a role at once, and says so', async () => {
    const { api } = await show({ 'PATCH /api/users/u-2': aUser({ ...jan, role: 'operator' }) });
    fireEvent.change(await screen.findByLabelText('Role of Jan Claes'), { target: { value: 'operator' } });
    await waitFor(() => expect(screen.getByTestId('admin-said').textContent).toBe('Jan Claes: saved; signed out everywhere.'));
    expect((screen.getByLabelText('Role of Jan Claes') as HTMLSelectElement).value).toBe('operator');
    expect(patches(api)).toEqual([{ method: 'PATCH', path: '/api/users/u-2', body: { role: 'operator' } }]);
  });

  it('disables and enables', async () => {
    const { api } = await show({ 'PATCH /api/users/u-1': (body: { disabled: boolean }) => aUser({ disabled: body.disabled }) });
    fireEvent.click(await screen.findByRole('button', { name: 'Disable Ann Peeters' }));
    await within(row('ann@uzgent.be')).findByText('Disabled');
    fireEvent.click(screen.getByRole('button', { name: 'Enable Ann Peeters' }));
    await within(row('ann@uzgent.be')).findByText('Active');
    expect(patches(api).map((r) => r.body)).toEqual([{ disabled: true }, { disabled: false }]);
  });

  it('shows why the server refused, in the row', async () => {
    await show({ 'PATCH /api/users/u-1': new ApiError(409, 'this is the last enabled admin: make someone else admin first') });
    fireEvent.change(await screen.findByLabelText('Role of Ann Peeters'), { target: { value: 'viewer' } });
    expect((await within(row('ann@uzgent.be')).findByRole('alert')).textContent).toBe('Not saved: this is the last enabled admin: make someone else admin first');
  });

  it('resets a password under the row: checked first, then sent, focus back on the button', async () => {
    const { api } = await show({ 'PATCH /api/users/u-1': ann });
    const reset = await screen.findByRole('button', { name: 'Reset the password of Ann Peeters' });
    fireEvent.click(reset);
    expect(reset.getAttribute('aria-expanded')).toBe('true');
    const field = screen.getByLabelText('New password for Ann Peeters');
    expect(document.activeElement).toBe(field);
    fireEvent.change(field, { target: { value: 'too short' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set password' }));
    expect(screen.getByText('The password needs at least 12 characters.')).toBeTruthy();
    fireEvent.change(field, { target: { value: 'a brand new passphrase' } });
    const form = screen.getByRole('form', { name: 'Reset the password of Ann Peeters' });
    fireEvent.change(within(form).getByLabelText('Repeat the password'), { target: { value: 'a brand new passphrase' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set password' }));
    await waitFor(() => expect(screen.queryByLabelText('New password for Ann Peeters')).toBeNull());
    expect(document.activeElement).toBe(reset);
    expect(patches(api)).toEqual([{ method: 'PATCH', path: '/api/users/u-1', body: { password: 'a brand new passphrase' } }]);
  });
});

describe('people: add', () => {
  it('adds someone who signs in through the organisation (no password) and lists them', async () => {
    const eva = aUser({ id: 'u-3', email: 'eva@uzgent.be', displayName: 'Eva Maes', role: 'viewer', signIn: [] });
    const { api } = await show({ 'POST /api/users': eva });
    await screen.findByTestId('user-ann@uzgent.be');
    const form = screen.getByRole('form', { name: 'Add a person' });
    fireEvent.change(within(form).getByLabelText('E-mail address'), { target: { value: ' eva@uzgent.be ' } });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Eva Maes' } });
    fireEvent.change(within(form).getByLabelText('Role'), { target: { value: 'viewer' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add' }));
    await screen.findByTestId('user-eva@uzgent.be');
    expect(screen.getByTestId('admin-said').textContent).toBe('Eva Maes added.');
    expect(patches(api)).toEqual([{ method: 'POST', path: '/api/users', body: { email: 'eva@uzgent.be', displayName: 'Eva Maes', role: 'viewer' } }]);
    expect((within(form).getByLabelText('E-mail address') as HTMLInputElement).value).toBe('');
  });

  it('says the e-mail is taken', async () => {
    await show({ 'POST /api/users': new ApiError(409, 'a user with e-mail ann@uzgent.be exists already') });
    const form = await screen.findByRole('form', { name: 'Add a person' });
    fireEvent.change(within(form).getByLabelText('E-mail address'), { target: { value: 'ann@uzgent.be' } });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Ann' } });
    fireEvent.change(within(form).getByLabelText('Password'), { target: { value: 'a long passphrase here' } });
    fireEvent.change(within(form).getByLabelText('Repeat the password'), { target: { value: 'a long passphrase here' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('Not saved: a user with e-mail ann@uzgent.be exists already');
  });

  it('speaks French', async () => {
    await show();
    speak('fr');
    expect(await screen.findByRole('heading', { level: 1, name: 'Personnes' })).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Désactiver Ann Peeters' })).toBeTruthy();
    expect(screen.getByRole('form', { name: 'Ajouter une personne' })).toBeTruthy();
  });
});
