import { describe, expect, it } from 'vitest';
import { originAllowed, originListed } from './origin-policy.js';

describe('originAllowed', () => {
  const allowed = ['https://wall.uzgent.be'];
  it.each([
    [undefined, 'localhost:3000', true, 'no Origin: not a browser page'],
    ['http://localhost:3000', 'localhost:3000', true, 'our own origin'],
    ['https://lifeline.uzgent.be', 'lifeline.uzgent.be', true, 'our own origin behind TLS'],
    ['https://wall.uzgent.be', 'lifeline:3000', true, 'listed in ALLOWED_ORIGINS'],
    ['http://evil.example', 'localhost:3000', false, 'another site'],
    ['http://localhost:3001', 'localhost:3000', false, 'another port'],
    ['null', 'localhost:3000', false, 'an opaque origin (sandboxed frame, file:)'],
    ['file://', 'localhost:3000', false, 'a file'],
    ['http://localhost:3000', undefined, false, 'no Host to compare with'],
  ] as Array<[string | undefined, string | undefined, boolean, string]>)('%s to %s → %s (%s)', (origin, host, ok) => {
    expect(originAllowed(origin, host, allowed)).toBe(ok);
  });

  it('PUBLIC_URL counts as our own origin', () => {
    expect(originAllowed('https://lifeline.uzgent.be', '10.0.0.5:3000', [], 'https://lifeline.uzgent.be')).toBe(true);
  });

  it('originListed is only ALLOWED_ORIGINS', () => {
    expect(originListed('https://wall.uzgent.be', ['https://wall.uzgent.be'])).toBe(true);
    expect(originListed('http://localhost:3000', ['https://wall.uzgent.be'])).toBe(false);
  });
});
