// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STATUSES } from '@lifeline/shared';

/** The colours theme.css defines, read from the file itself so the test follows any change. */
const css = readFileSync(new URL('./theme.css', import.meta.url), 'utf8');
const colour = (name: string): string => {
  const match = new RegExp(`--${name}:\\s*(#[0-9a-f]{6})`, 'i').exec(css);
  if (!match) throw new Error(`theme.css defines no --${name}`);
  return match[1];
};

/** WCAG 2.x relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const AA = 4.5;
const surfaces = ['bg', 'surface', 'surface-raised', ...STATUSES.map((s) => `${s}-tint`)];

describe('theme contrast (WCAG AA, 4.5:1)', () => {
  it.each(surfaces.flatMap((bg) => ['text', 'text-muted'].map((fg) => [fg, bg])))('--%s on --%s', (fg, bg) => {
    expect(contrast(colour(fg), colour(bg))).toBeGreaterThanOrEqual(AA);
  });

  it.each(STATUSES.flatMap((s) => ['bg', 'surface', `${s}-tint`].map((bg) => [s, bg])))('status colour --%s on --%s', (fg, bg) => {
    expect(contrast(colour(fg), colour(bg))).toBeGreaterThanOrEqual(AA);
  });

  it.each([
    ['stale', 'stale-bg'],
    ['stale', 'surface'],
    ['down', 'down-tint'],
    ['text', 'stale-bg'],
    ['text', 'demo-bg'],
    ['demo-accent', 'demo-bg'],
    ['bg', 'maintenance'], // the pressed language / range button
    ['maintenance', 'surface-raised'], // links and "What to do meanwhile" on raised panels
    ['focus', 'bg'], // the keyboard focus ring
    ['focus', 'surface'],
  ])('--%s on --%s', (fg, bg) => {
    expect(contrast(colour(fg), colour(bg))).toBeGreaterThanOrEqual(AA);
  });
});
