// @vitest-environment node
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../backend/test/support/free-port.js';
import { spawnLifeline, type SpawnedLifeline } from '../../backend/test/support/spawn-lifeline.js';
import { tempDir } from '../../backend/test/support/temp-dir.js';
import { DESKTOP, HAS_CHROMIUM, launchChromium, openPage, screenshot } from './support/browser.js';

/**
 * The kiosk never shows old green as current: when the backend goes away the wall says STALE
 * and greys out; when it is back (same port, same data) the wall is live again by itself,
 * without a reload.
 */
describe.skipIf(!HAS_CHROMIUM)('the wall across a backend restart, in Chromium', () => {
  const dir = tempDir();
  let env: Record<string, string>;
  let port: number;
  let app: SpawnedLifeline | undefined;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    port = await freePort();
    env = { DATA_DIR: join(dir.path, 'data'), DEMO_SCENARIO: 'normal', DEMO_INTERVAL: '1s' };
    app = await spawnLifeline(env, { port });
    browser = await launchChromium();
    page = await openPage(browser, DESKTOP);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    dir.remove();
  });

  const connection = () => page.getByTestId('connection').getAttribute('data-state');
  const current = () => page.locator('[data-current]').first().getAttribute('data-current');

  it('goes STALE when the backend stops, then live again without a reload when it is back', async () => {
    await page.goto(`${app!.url}/wall`);
    await page.locator('[data-testid="tile-synlab-results"][data-status="operational"]').waitFor({ timeout: 30_000 });
    await expect(connection()).resolves.toBe('live');
    await page.evaluate(() => ((window as unknown as { __samePage: boolean }).__samePage = true));

    await app!.stop();
    app = undefined;
    await page.getByTestId('stale-notice').waitFor({ timeout: 20_000 });
    await expect(page.getByTestId('stale-notice').textContent()).resolves.toMatch(/^STALE — last update \d\d:\d\d:\d\d/);
    await expect(connection()).resolves.not.toBe('live');
    await expect(current()).resolves.toBe('false');
    // Old green is greyed out, and the headline says it is the last known state.
    await expect(page.getByTestId('verdict').textContent()).resolves.toMatch(/^Last known: /);
    const filter = await page.locator('.wall--not-current .tiles').first().evaluate((el) => getComputedStyle(el).filter);
    expect(filter).toContain('grayscale');
    await screenshot(page, 'wall-backend-stopped');

    app = await spawnLifeline(env, { port });
    await page.waitForFunction(() => document.querySelector('[data-testid="connection"]')?.getAttribute('data-state') === 'live', undefined, { timeout: 60_000 });
    await page.locator('[data-testid="tile-synlab-results"][data-status="operational"]').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('stale-notice').count()).resolves.toBe(0);
    await expect(current()).resolves.toBe('true');
    await expect(page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).resolves.toBe(true);
    await screenshot(page, 'wall-backend-restarted');
  });
});
