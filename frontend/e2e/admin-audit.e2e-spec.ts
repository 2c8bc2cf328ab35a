// @vitest-environment node
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnLifeline, type SpawnedLifeline } from '../../backend/test/support/spawn-lifeline.js';
import { tempDir } from '../../backend/test/support/temp-dir.js';
import { ADMIN, signInThroughPage } from './support/auth.js';
import { DESKTOP, HAS_CHROMIUM, launchChromium, openPage, screenshot } from './support/browser.js';

/**
 * An administrator's morning in Chromium: a kiosk link made in the admin page brings a wall
 * screen live in a browser of its own; revoking it makes that wall say it is no longer signed
 * in. Then a person is added, the audit log exported as CSV (its SHA-256 shown and checked)
 * and its chain verified; the setup page refuses a spent link. Demo partners, no open view.
 */
describe.skipIf(!HAS_CHROMIUM)('administration and audit in Chromium', () => {
  const dir = tempDir();
  let app: SpawnedLifeline;
  let browser: Browser;
  let admin: Page;
  /** What the browser refused under the backend's strict Content-Security-Policy: must stay empty. */
  const cspViolations: string[] = [];
  const watchCsp = async (page: Page) => {
    page.on('console', (m) => void (/Content Security Policy/i.test(m.text()) && cspViolations.push(m.text())));
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`)),
    );
  };

  beforeAll(async () => {
    app = await spawnLifeline({ DATA_DIR: join(dir.path, 'data'), DEMO_SCENARIO: 'normal', DEMO_INTERVAL: '1s', DEMO_OPEN_VIEW: '0', ...ADMIN });
    browser = await launchChromium();
    admin = await openPage(browser, DESKTOP);
    await watchCsp(admin);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    dir.remove();
  });

  it('makes a kiosk link that brings a wall live; revoked, the wall says it is not signed in', async () => {
    await signInThroughPage(admin, app.url, '/admin/kiosk-tokens');
    await admin.getByLabel('Name of the screen').fill('Browser test wall');
    await admin.getByRole('button', { name: 'Create kiosk link' }).click();
    const link = (await admin.getByTestId('kiosk-url').textContent())!;
    expect(link).toMatch(new RegExp(`^${app.url.replace(/\./g, '\\.')}/wall\\?kiosk=llk_[A-Za-z0-9_-]+$`));
    await expect(admin.getByTestId('kiosk-once').textContent()).resolves.toContain('it will not be shown again');
    await screenshot(admin, 'admin-kiosk-token-created');

    // The screen: a browser of its own, no session, only the link.
    const screenContext = await browser.newContext({ viewport: DESKTOP, locale: 'en-GB' });
    const wall = await screenContext.newPage();
    await watchCsp(wall);
    await wall.goto(link);
    await wall.waitForURL(`${app.url}/wall`); // the token left the address bar for a cookie
    await wall.locator('[data-testid="connection"][data-state="live"]').waitFor({ timeout: 30_000 });
    await wall.locator('[data-testid="tile-synlab-results"]').waitFor();

    await admin.getByRole('button', { name: 'Done' }).click();
    await expect(admin.getByTestId('kiosk-url').count()).resolves.toBe(0);
    await admin.getByRole('button', { name: 'Revoke Browser test wall' }).click();
    await admin.getByRole('button', { name: 'Yes, revoke' }).click();
    await admin.getByText('Browser test wall revoked; the screen is disconnected.').waitFor();
    await screenshot(admin, 'admin-kiosk-tokens');

    await wall.locator('[data-testid="connection"][data-state="refused"]').waitFor({ timeout: 15_000 });
    await expect(wall.getByTestId('stale-notice').textContent()).resolves.toContain('This screen is not signed in (or its token was revoked). Sign in or use a kiosk link.');
    await screenshot(wall, 'wall-kiosk-revoked');
    await wall.reload(); // opened afresh it has nothing to show, and says why
    await wall.getByTestId('waiting').getByText(/^This screen is not signed in/).waitFor({ timeout: 15_000 });
    await screenshot(wall, 'wall-not-signed-in');
    await screenContext.close();
  });

  it('adds a person with a role', async () => {
    await admin.goto(`${app.url}/admin/users`);
    const form = admin.getByRole('form', { name: 'Add a person' });
    await form.getByLabel('E-mail address').fill('ann.peeters@lifeline.test');
    await form.getByLabel('Name').fill('Ann Peeters (ICT)');
    await form.getByLabel('Role').selectOption('operator');
    await form.getByLabel('Password', { exact: true }).fill('a long passphrase for ann');
    await form.getByLabel('Repeat the password').fill('a long passphrase for ann');
    await form.getByRole('button', { name: 'Add' }).click();
    const row = admin.getByTestId('user-ann.peeters@lifeline.test');
    await row.waitFor();
    await expect(row.getByLabel('Role of Ann Peeters (ICT)').inputValue()).resolves.toBe('operator');
    await screenshot(admin, 'admin-users');
  });

  it('exports today as CSV with its SHA-256, and verifies the chain', async () => {
    await admin.goto(`${app.url}/audit`);
    await admin.getByLabel('Today').check();
    const [response, download] = await Promise.all([
      admin.waitForResponse((r) => new URL(r.url()).pathname === '/api/audit/export'),
      admin.waitForEvent('download'),
      admin.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^text\/csv/);
    expect(new URL(response.url()).searchParams.get('from')).toMatch(/T00:00:00\+0[12]:00$/);
    expect(download.suggestedFilename()).toMatch(/^lifeline-audit-.*\.csv$/);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.toString('utf8')).toMatch(/^#section,header\r\n/);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await expect(admin.getByTestId('sha256').textContent()).resolves.toBe(sha256);
    expect(response.headers()['x-content-sha256']).toBe(sha256);

    await admin.getByRole('button', { name: 'Verify the audit chain' }).click();
    await admin.getByText(/^The audit chain is intact: [\d,]+ rows checked\.$/).waitFor();
    await screenshot(admin, 'audit', true);
  });

  it('refuses a setup link that was used or has expired, and explains sign-in refusals', async () => {
    const visitor = await openPage(browser, DESKTOP);
    await watchCsp(visitor);
    await visitor.goto(`${app.url}/setup?token=llsetup_spent`);
    await visitor.getByLabel('E-mail address').fill('someone@lifeline.test');
    await visitor.getByLabel('Name').fill('Someone');
    await visitor.getByLabel('Password', { exact: true }).fill('a long passphrase here');
    await visitor.getByLabel('Repeat the password').fill('a long passphrase here');
    await visitor.getByRole('button', { name: 'Create administrator and sign in' }).click();
    await visitor.getByText(/^This link was used or has expired\./).waitFor();
    await screenshot(visitor, 'setup-link-used');
    await visitor.goto(`${app.url}/login?error=no-role`);
    await visitor.getByTestId('login-reason').getByText(/gave you no role in Lifeline/).waitFor();
    await screenshot(visitor, 'login-no-role');
    await visitor.close();
    expect(cspViolations).toEqual([]);
  });
});
