import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
/** Where screenshots go for review (git-ignored). */
export const ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts/', import.meta.url));

/** The two screens every view is reviewed on: the IT room's TV and a clinician's phone. */
export const DESKTOP = { width: 1920, height: 1080 } as const;
export const PHONE = { width: 390, height: 844 } as const;

export function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A page at `viewport` whose browser speaks `locale`, with the first-tile clock installed. */
export async function openPage(browser: Browser, viewport: { width: number; height: number }, locale = 'en-GB'): Promise<Page> {
  const page = await browser.newPage({ viewport, locale });
  // Navigation start → the first frame after a tile is in the DOM (performance.now() counts from navigation start).
  await page.addInitScript(() => {
    const w = window as unknown as { __firstTileAt?: number };
    const observer = new MutationObserver(() => {
      if (w.__firstTileAt !== undefined || !document.querySelector('[data-testid^="tile-"]')) return;
      observer.disconnect();
      requestAnimationFrame(() => (w.__firstTileAt = performance.now()));
    });
    observer.observe(document, { childList: true, subtree: true });
  });
  return page;
}

/** Milliseconds from navigation start to the first tile painted, once it has been. */
export async function firstTileMs(page: Page): Promise<number> {
  await page.waitForFunction(() => (window as unknown as { __firstTileAt?: number }).__firstTileAt !== undefined, undefined, { timeout: 30_000 });
  return page.evaluate(() => Math.round((window as unknown as { __firstTileAt: number }).__firstTileAt));
}

export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  const { width, height } = page.viewportSize() ?? DESKTOP;
  await page.screenshot({ path: join(ARTIFACTS, `${name}-${width}x${height}.png`), fullPage });
}

/** True when the document does not scroll: everything fits the viewport. */
export function fitsViewport(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const wall = document.querySelector<HTMLElement>('.wall');
    const doc = document.scrollingElement ?? document.documentElement;
    return doc.scrollHeight <= innerHeight && (!wall || wall.scrollHeight <= wall.clientHeight);
  });
}
