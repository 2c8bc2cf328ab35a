// @vitest-environment node
import { createServer, type Server } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnLifeline, type SpawnedLifeline } from '../../backend/test/support/spawn-lifeline.js';
import { tempDir } from '../../backend/test/support/temp-dir.js';
import { ADMIN, wallAddress } from './support/auth.js';
import { DESKTOP, HAS_CHROMIUM, fitsViewport, launchChromium, openPage, screenshot } from './support/browser.js';

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

const PARTNERS = ['Synlab', 'Medilab', 'CoZo', 'eHealth', 'MyCareNet', 'Recip-e', 'Imaging partner', 'SAM'];
const INTERNAL = 12;
const EXTERNAL = 48;

/** 60 integrations: 12 hospital systems on one local target, 48 partner links (8 partners) on another. */
function catalog(insidePort: number, outsidePort: number): string {
  const inside = Array.from({ length: INTERNAL }, (_, i) =>
    `  - { id: system-${i}, name: Hospital system ${i + 1}, side: internal, category: application, checks: [ { kind: tcp, host: 127.0.0.1, port: ${insidePort} } ] }`,
  );
  const outside = Array.from({ length: EXTERNAL }, (_, i) => {
    const partner = PARTNERS[i % PARTNERS.length];
    const id = i === 0 ? 'lab-results' : `link-${i}`;
    const name = i === 0 ? 'Lab results' : `${partner} link ${Math.floor(i / PARTNERS.length) + 1}`;
    return `  - { id: ${id}, name: ${name}, side: external, category: lab, partner: ${partner}, criticality: ${i % 3 ? 'medium' : 'critical'}, checks: [ { kind: http, url: "http://127.0.0.1:${outsidePort}/${id}" } ] }`;
  });
  return `site: { name: Browser Test Hospital, timezone: Europe/Brussels }
defaults: { interval: 1s, timeout: 500ms }
integrations:
${[...inside, ...outside].join('\n')}
`;
}

describe.skipIf(!HAS_CHROMIUM)(`the wall in Chromium${HAS_CHROMIUM ? '' : ' (skipped: /usr/bin/chromium is not installed)'}`, () => {
  const dir = tempDir();
  let inside: Server;
  let outside: Server;
  let app: SpawnedLifeline;
  let browser: Browser;
  let page: Page;
  /** What the browser refused under the backend's strict Content-Security-Policy: must stay empty. */
  const cspViolations: string[] = [];

  beforeAll(async () => {
    inside = createServer();
    outside = createServer((_req, res) => res.end('ok'));
    const file = join(dir.path, 'catalog.yaml');
    writeFileSync(file, catalog(await listen(inside), await listen(outside)));
    app = await spawnLifeline({ CATALOG_FILE: file, DATA_DIR: join(dir.path, 'data'), ...ADMIN });
    browser = await launchChromium();
    page = await openPage(browser, DESKTOP);
    page.on('console', (m) => void (/Content Security Policy/i.test(m.text()) && cspViolations.push(m.text())));
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`)),
    );
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    for (const server of [inside, outside]) {
      server?.close();
      server?.closeAllConnections();
    }
    dir.remove();
  });

  it('fits 60 integrations on a 1080p screen; a common cause outside becomes one group with its member count', async () => {
    await page.goto(await wallAddress(app.url));
    const tile = page.getByTestId('tile-lab-results');
    await tile.and(page.locator('[data-status="operational"]')).waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^="tile-"][data-status="operational"]').length === 60, undefined, { timeout: 20_000 });
    await expect(tile.textContent()).resolves.toMatch(/Operational/);
    await expect(tile.textContent()).resolves.toMatch(/Synlab/);
    await expect(page.getByTestId('connection').getAttribute('data-state')).resolves.toBe('live');
    await expect(page.getByRole('navigation').count()).resolves.toBe(0); // kiosk: no chrome
    expect(await fitsViewport(page)).toBe(true);
    await screenshot(page, 'wall-60-operational');

    // Every partner link fails at once, the hospital's systems stay fine: the perimeter.
    outside.close();
    outside.closeAllConnections();
    await tile.and(page.locator('[data-status="down"]')).waitFor({ timeout: 20_000 });
    await expect(tile.textContent()).resolves.toMatch(/Down/);
    const group = page.locator('[data-testid^="group-"][data-kind="perimeter"]');
    await group.waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => document.querySelector('[data-kind="perimeter"]')?.getAttribute('data-count') === '48', undefined, { timeout: 20_000 });
    await expect(group.getByRole('heading').first().textContent()).resolves.toMatch(/Common cause outside: our internet connection or provider.*48 links affected/);
    await expect(page.getByTestId('verdict').getAttribute('data-cause')).resolves.toBe('perimeter');
    expect(await fitsViewport(page)).toBe(true);
    await screenshot(page, 'wall-60-perimeter');
    expect(cspViolations).toEqual([]);
  });
});
