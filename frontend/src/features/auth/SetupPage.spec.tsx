import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/api-client';
import { fakeApi } from '../../testing/fake-api';
import { renderWithProviders, speak } from '../../testing/render-with-providers';
import SetupPage from './SetupPage';

beforeEach(() => history.replaceState(null, '', '/setup?token=llsetup_abc'));
afterEach(() => {
  cleanup();
  speak('en');
  history.replaceState(null, '', '/');
});

const PASSWORD = 'a long passphrase here';

function fill({ email = 'ann@uzgent.be', name = 'Ann Peeters', password = PASSWORD, confirm }: { email?: string; name?: string; password?: string; confirm?: string } = {}) {
  fireEvent.change(screen.getByLabelText('E-mail address'), { target: { value: email } });
  fireEvent.change(screen.getByLabelText('Name'), { target: { value: name } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.change(screen.getByLabelText('Repeat the password'), { target: { value: confirm ?? password } });
  fireEvent.click(screen.getByRole('button', { name: 'Create administrator and sign in' }));
}

describe('setup: the first administrator', () => {
  it('creates the admin with the link’s token, and goes to the wall signed in', async () => {
    const goTo = vi.fn();
    const { api } = renderWithProviders(<SetupPage goTo={goTo} />, fakeApi({ 'POST /api/auth/setup': { token: 'lls_x', expiresAt: '', user: {} } }));
    fill({ email: ' ann@uzgent.be ', name: ' Ann Peeters ' });
    await waitFor(() => expect(goTo).toHaveBeenCalledWith('/'));
    expect(api.requests.filter((r) => r.method === 'POST')).toEqual([
      { method: 'POST', path: '/api/auth/setup', body: { token: 'llsetup_abc', email: 'ann@uzgent.be', password: PASSWORD, displayName: 'Ann Peeters' } },
    ]);
  });

  it('checks the password before sending: at least 12 characters, typed the same twice', () => {
    const { api } = renderWithProviders(<SetupPage goTo={vi.fn()} />);
    fill({ password: 'short' });
    const password = screen.getByLabelText('Password');
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(password.getAttribute('aria-describedby')!.split(' ')[1])?.textContent).toBe('The password needs at least 12 characters.');
    expect(document.activeElement).toBe(password);

    fill({ confirm: 'another long passphrase' });
    expect(screen.getByLabelText('Repeat the password').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('The two passwords are not the same.')).toBeTruthy();
    fill({ name: '  ' });
    expect(document.activeElement).toBe(screen.getByLabelText('Name'));
    expect(api.requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('says the link was used or has expired on 401, with a way to sign in', async () => {
    const goTo = vi.fn();
    renderWithProviders(<SetupPage goTo={goTo} />, fakeApi({ 'POST /api/auth/setup': new ApiError(401, 'this setup link is unknown, used or expired') }));
    fill();
    const problem = await screen.findByTestId('setup-problem');
    expect(problem.textContent).toBe('This link was used or has expired. Restart Lifeline for a new one, or sign in. Sign in');
    expect(screen.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/login');
    expect(document.activeElement).toBe(problem);
    expect(goTo).not.toHaveBeenCalled();
  });

  it('shows the fields the server refused under them', async () => {
    const refused = new ApiError(400, 'email: expected an e-mail address', [{ path: 'email', message: 'expected an e-mail address' }]);
    renderWithProviders(<SetupPage goTo={vi.fn()} />, fakeApi({ 'POST /api/auth/setup': refused }));
    fill({ email: 'ann' });
    expect((await screen.findByTestId('setup-problem')).textContent).toBe('Not created: email: expected an e-mail address');
    expect(screen.getByLabelText('E-mail address').getAttribute('aria-invalid')).toBe('true');
  });

  it('says what is missing without a token, and cannot be sent', () => {
    history.replaceState(null, '', '/setup');
    renderWithProviders(<SetupPage goTo={vi.fn()} />);
    expect(screen.getByRole('alert').textContent).toMatch(/needs the setup link printed in the server’s log/);
    expect((screen.getByRole('button', { name: 'Create administrator and sign in' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it.each([
    ['nl', 'Lifeline instellen', 'Herhaal het wachtwoord', 'Deze link werd al gebruikt of is verlopen.'],
    ['fr', 'Configurer Lifeline', 'Répétez le mot de passe', 'Ce lien a déjà servi ou a expiré.'],
  ])('speaks %s', async (language, title, confirm, used) => {
    renderWithProviders(<SetupPage goTo={vi.fn()} />, fakeApi({ 'POST /api/auth/setup': new ApiError(401, 'used') }));
    speak(language as 'nl' | 'fr');
    expect(screen.getByRole('heading', { level: 1, name: title })).toBeTruthy();
    fireEvent.change(screen.getByLabelText(language === 'nl' ? 'E-mailadres' : 'Adresse e-mail'), { target: { value: 'ann@uzgent.be' } });
    fireEvent.change(screen.getByLabelText(language === 'nl' ? 'Naam' : 'Nom'), { target: { value: 'Ann' } });
    fireEvent.change(screen.getByLabelText(language === 'nl' ? 'Wachtwoord' : 'Mot de passe'), { target: { value: PASSWORD } });
    fireEvent.change(screen.getByLabelText(confirm), { target: { value: PASSWORD } });
    fireEvent.submit(screen.getByLabelText(confirm).closest('form')!);
    expect((await screen.findByTestId('setup-problem')).textContent).toMatch(new RegExp(`^${used}`));
  });
});
