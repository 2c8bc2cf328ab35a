import type { Page } from 'playwright-core';

/** The first admin the backend creates from its environment when it has sign-in. */
export const ADMIN = { ADMIN_EMAIL: 'admin@lifeline.test', ADMIN_PASSWORD: 'browser-test-password-1' } as const;

/** True when the backend at `url` has sign-in (`/api/auth/options`); older backends answer 404. */
export async function hasSignIn(url: string): Promise<boolean> {
  return (await fetch(`${url}/api/auth/options`)).ok;
}

/**
 * The address a wall screen opens: with sign-in, `/wall?kiosk=<token>` from a kiosk token an
 * admin creates over the API; without, plain `/wall`.
 */
export async function wallAddress(url: string): Promise<string> {
  if (!(await hasSignIn(url))) return `${url}/wall`;
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN.ADMIN_EMAIL, password: ADMIN.ADMIN_PASSWORD }),
  });
  if (!login.ok) throw new Error(`admin sign-in failed: ${login.status} ${await login.text()}`);
  const { token } = (await login.json()) as { token: string };
  const created = await fetch(`${url}/api/kiosk-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ name: 'Browser test wall' }),
  });
  if (!created.ok) throw new Error(`kiosk token refused: ${created.status} ${await created.text()}`);
  return `${url}${((await created.json()) as { url: string }).url}`;
}

/** Signs in through the `/login` page as the admin (an operator and more), when the backend has sign-in. */
export async function signInThroughPage(page: Page, url: string, next: string): Promise<void> {
  await page.goto(`${url}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('E-mail address').fill(ADMIN.ADMIN_EMAIL);
  await page.getByLabel('Password').fill(ADMIN.ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${url}${next}`);
}
