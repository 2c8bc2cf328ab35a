/**
 * Text for pdfkit's built-in fonts, which encode WinAnsi (Latin-1 plus a few typographic
 * marks): arrows and other symbols become ASCII, accents outside Latin-1 are dropped,
 * anything else becomes "?". Without this, such characters print as garbage.
 */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const REPLACEMENTS: Record<string, string> = { '→': '->', '←': '<-', '≥': '>=', '≤': '<=', '≠': '!=', '≈': '~', '−': '-', '✓': 'ok', '✗': 'x', Ł: 'L', ł: 'l', Đ: 'D', đ: 'd' };

export function pdfSafe(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0)!;
    if ((code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch)) out += ch;
    else if (ch === '\n' || ch === '\t') out += ' ';
    else if (REPLACEMENTS[ch]) out += REPLACEMENTS[ch];
    else {
      const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      out += base && base !== ch && [...base].every((c) => c.charCodeAt(0) < 0x100) ? base : '?';
    }
  }
  return out;
}

/** `2025-03-04T07:31:05.123+01:00` → `2025-03-04 07:31:05 +01:00`: the site's wall clock with its offset. */
export function pdfTime(zonedIso: string | null, fallback = 'ongoing'): string {
  if (!zonedIso) return fallback;
  return `${zonedIso.slice(0, 10)} ${zonedIso.slice(11, 19)} ${zonedIso.slice(-6)}`;
}

/** 13,212 s → `3h 40m 12s`. */
export function pdfDuration(seconds: number): string {
  const s = Math.round(seconds);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3_600);
  const m = Math.floor((s % 3_600) / 60);
  const parts = [d ? `${d}d` : '', h ? `${h}h` : '', m ? `${m}m` : '', s % 60 ? `${s % 60}s` : ''].filter(Boolean);
  return parts.slice(0, 3).join(' ') || '0s';
}
