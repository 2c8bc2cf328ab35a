import { describe, expect, it } from 'vitest';
import { pdfDuration, pdfSafe, pdfTime } from './pdf-text.js';

describe('PDF text', () => {
  it.each([
    ['plain ASCII', 'Synlab lab results', 'Synlab lab results'],
    ['Latin-1 accents stay', 'Hôpital Érasme, Zürich', 'Hôpital Érasme, Zürich'],
    ['WinAnsi marks stay', 'down – “slow” …', 'down – “slow” …'],
    ['arrows and comparisons become ASCII', 'operational → down (≥ 1500 ms)', 'operational -> down (>= 1500 ms)'],
    ['accents outside Latin-1 are dropped', 'Łódź Kraków', 'Lódz Kraków'],
    ['anything else becomes ?', 'ok 🚑 中', 'ok ? ?'],
    ['line breaks become spaces', 'a\nb', 'a b'],
  ])('%s', (_name, input, expected) => {
    expect(pdfSafe(input)).toBe(expected);
  });

  it('prints times as the site wall clock with offset', () => {
    expect(pdfTime('2025-03-04T07:31:05.123+01:00')).toBe('2025-03-04 07:31:05 +01:00');
    expect(pdfTime(null)).toBe('ongoing');
  });

  it.each([
    [12, '12s'],
    [125, '2m 5s'],
    [13_212, '3h 40m 12s'],
    [3_600, '1h'],
    [90_061, '1d 1h 1m'],
    [0, '0s'],
  ])('duration %i s', (s, text) => {
    expect(pdfDuration(s)).toBe(text);
  });
});
