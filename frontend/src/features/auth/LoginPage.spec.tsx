import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/api-client';
import { fakeApi } from '../../testing/fake-api';
import { renderWithProviders, speak } from '../../testing/render-with-providers';
import LoginPage, { nextPath } from './LoginPage';

afterEach(() => {
  cleanup();
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
    expect(api.requests).toEqual([{ method: 'POST', path: '/api/auth/login', body: { email: 'an@uzgent.be', password: 'correct horse battery' } }]);
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
