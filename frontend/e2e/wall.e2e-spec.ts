// @vitest-environment node
import { createServer, type Server } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnLifeline, type SpawnedLifeline } from '../../backend/test/support/spawn-lifeline.js';
import { tempDir } from '../../backend/test/support/temp-dir.js';
import { ARTIFACTS, HAS_CHROMIUM, launchChromium } from './support/browser.js';

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

describe.skipIf(!HAS_CHROMIUM)(`the wall in Chromium${HAS_CHROMIUM ? '' : ' (skipped: /usr/bin/chromium is not installed)'}`, () => {
  const dir = tempDir();
  let target: Server;
  let app: SpawnedLifeline;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    target = createServer((_req, res) => res.end('ok'));
    const port = await listen(target);
    const catalog = join(dir.path, 'catalog.yaml');
    writeFileSync(
      catalog,
      `site: { name: Browser Test Hospital, timezone: Europe/Brussels }
defaults: { interval: 1s, timeout: 500ms }
integrations:
  - { id: engine, name: Interface engine, side: internal, category: application, checks: [ { kind: tcp, host: 127.0.0.1, port: ${port} } ] }
  - { id: lab-results, name: Lab results, side: external, category: lab, partner: Lab Partner, criticality: critical, checks: [ { kind: http, url: "http://127.0.0.1:${port}/" } ] }
`,
    );
    app = await spawnLifeline({ CATALOG_FILE: catalog, DATA_DIR: join(dir.path, 'data') });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    target?.close();
    target?.closeAllConnections();
    dir.remove();
  });

  it('shows a tile go from Operational to Down when its target stops', async () => {
    await page.goto(app.url);
    const tile = page.getByTestId('tile-lab-results');
    await tile.and(page.locator('[data-status="operational"]')).waitFor({ timeout: 15_000 });
    await expect(tile.textContent()).resolves.toMatch(/Operational/);
    await expect(tile.textContent()).resolves.toMatch(/Lab Partner/);
    await expect(page.getByTestId('connection').getAttribute('data-state')).resolves.toBe('live');
    await page.screenshot({ path: join(ARTIFACTS, 'wall-operational-1920x1080.png') });

    target.close();
    target.closeAllConnections();
    await tile.and(page.locator('[data-status="down"]')).waitFor({ timeout: 15_000 });
    await expect(tile.textContent()).resolves.toMatch(/Down/);
    await expect(page.getByTestId('verdict').textContent()).resolves.toMatch(/Down|down/);
    await page.screenshot({ path: join(ARTIFACTS, 'wall-down-1920x1080.png') });
  });
});
