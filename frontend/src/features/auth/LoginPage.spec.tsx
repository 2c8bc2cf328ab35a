import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { act } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/api-client';
import { fakeApi } from '../../testing/fake-api';
import { renderWithProviders, speak } from '../../testing/render-with-providers';
import LoginPage, { LOGIN_ERRORS, nextPath } from './LoginPage';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  speak('en');
  history.replaceState(null, '', '/');
});

function fill(email: string, password: string) {
  fireEvent.change(screen.getByLabelText('E-mail address'), { target: { value: email } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('sign-in', () => {
  it('signs in with e-mail and password, then goes back where it was asked from', async () => {
    history.replaceState(null, '', '/login?next=%2Fintegrations%2Fsynlab-results');
    const goTo = vi.fn();
    const { api } = renderWithProviders(<LoginPage goTo={goTo} />, fakeApi({ 'POST /api/auth/login': { token: 't', user: {} } }));
    fill(' an@uzgent.be ', 'correct horse battery');
    await waitFor(() => expect(goTo).toHaveBeenCalledWith('/integrations/synlab-results'));
    expect(api.requests.filter((r) => r.method === 'POST')).toEqual([{ method: 'POST', path: '/api/auth/login', body: { email: 'an@uzgent.be', password: 'correct horse battery' } }]);
  });

  it('says why it did not work', async () => {
    const goTo = vi.fn();
    renderWithProviders(<LoginPage goTo={goTo} />, fakeApi({ 'POST /api/auth/login': new ApiError(401, 'wrong e-mail address or password') }));
    fill('an@uzgent.be', 'nope');
    expect((await screen.findByRole('alert')).textContent).toBe('Not signed in: wrong e-mail address or password');
    expect(goTo).not.toHaveBeenCalled();
  });

  it('explains a wall screen’s refused link', () => {
    history.replaceState(null, '', '/login?error=kiosk-token');
    renderWithProviders(<LoginPage />);
    speak('fr');
    expect(screen.getByRole('alert').textContent).toMatch(/^Le lien de cet écran mural n’est pas \(ou plus\) valide/);
  });

  it.each([
    ['?next=%2Fclinician', '/clinician'],
    ['', '/incidents'],
    ['?next=https%3A%2F%2Fevil.example', '/incidents'],
    ['?next=%2F%2Fevil.example', '/incidents'],
  ])('follows only its own paths: %s → %s', (search, path) => expect(nextPath(search)).toBe(path));
});

describe('sign-in: what the page says', () => {
  it.each([
    ['kiosk-token', /^This wall screen’s link is not valid/],
    ['no-role', /^Your organisation signed you in, but gave you no role in Lifeline/],
    ['no-email', /^Your organisation did not tell Lifeline your e-mail address/],
    ['email-in-use', /^A Lifeline account with your e-mail address exists already/],
    ['disabled', /^Your Lifeline account is disabled/],
    ['expired', /^The sign-in took too long/],
    ['directory-refused', /^Your organisation’s sign-in was refused or cancelled/],
    ['failed', /^Signing in through your organisation did not work/],
    ['<script>', /^Signing in did not work\. Please try again\.$/],
  ])('explains ?error=%s', (code, text) => {
    history.replaceState(null, '', `/login?error=${encodeURIComponent(code)}`);
    renderWithProviders(<LoginPage />);
    expect(screen.getByTestId('login-reason').textContent).toMatch(text);
  });

  it('has words for every reason the backend sends, in Dutch too', () => {
    for (const code of LOGIN_ERRORS) {
      history.replaceState(null, '', `/login?error=${code}`);
      renderWithProviders(<LoginPage />);
      speak('nl');
      expect(screen.getByTestId('login-reason').textContent).not.toMatch(/^(auth|login)\.|Please try again/);
      cleanup();
      speak('en');
    }
  });

  it('offers the organisation’s sign-in when the backend has it, and says when there is no admin yet', async () => {
    renderWithProviders(<LoginPage />, fakeApi({ '/api/auth/options': { password: true, oidc: true, setupPending: true, demoOpenView: false } }));
    const link = await screen.findByRole('link', { name: 'Sign in with your organisation' });
    expect(link.getAttribute('href')).toBe('/api/auth/oidc/login');
    expect(screen.getByText(/^Lifeline has no administrator yet/)).toBeTruthy();
  });

  it('offers only the password without a directory', async () => {
    const { api } = renderWithProviders(<LoginPage />, fakeApi({ '/api/auth/options': { password: true, oidc: false, setupPending: false, demoOpenView: false } }));
    await waitFor(() => expect(api.requests.map((r) => r.path)).toContain('/api/auth/options'));
    await act(() => Promise.resolve());
    expect(screen.queryByRole('link', { name: 'Sign in with your organisation' })).toBeNull();
  });

  it('on 429 says how long to wait, keeps the button off until then, then says to try again', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    renderWithProviders(<LoginPage goTo={vi.fn()} />, fakeApi({ 'POST /api/auth/login': new ApiError(429, 'too many sign-in attempts', [], 42) }));
    fill('an@uzgent.be', 'nope');
    expect((await screen.findByTestId('login-wait')).textContent).toBe('Too many sign-in attempts. Try again in 42 s.');
    expect((screen.getByRole('button', { name: 'Sign in' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'typing meanwhile' } });
    act(() => vi.advanceTimersByTime(42_000));
    expect(screen.getByTestId('login-wait').textContent).toBe('You can try again now.');
    expect((screen.getByRole('button', { name: 'Sign in' }) as HTMLButtonElement).disabled).toBe(false);
  });
});
