import { afterEach, describe, expect, it } from 'vitest';
import { en } from './en';
import { fr } from './fr';
import { currentLanguage, i18n, setLanguage } from './i18n';
import { LANGUAGE_STORAGE_KEY, languageOf, pickLanguage } from './languages';
import { nl } from './nl';

afterEach(() => {
  setLanguage('en');
  localStorage.clear();
});

describe('pickLanguage', () => {
  it.each([
    [{ browser: ['nl-BE', 'en'] }, 'nl'],
    [{ browser: ['de-DE', 'fr-BE'] }, 'fr'],
    [{ browser: ['de-DE'] }, 'en'],
    [{ browser: [] }, 'en'],
    [{ stored: 'fr', browser: ['nl-BE'] }, 'fr'],
    [{ stored: 'xx', browser: ['nl-BE'] }, 'nl'],
    [{ query: 'nl', stored: 'fr', browser: ['en'] }, 'nl'],
    [{ query: 'de', stored: 'fr' }, 'fr'],
  ] as const)('%j → %s', (sources, language) => expect(pickLanguage(sources)).toBe(language));

  it('reads a language tag by its base', () => {
    expect(languageOf('FR_be')).toBe('fr');
    expect(languageOf('nl')).toBe('nl');
    expect(languageOf(undefined)).toBeUndefined();
  });
});

describe('the language switch', () => {
  it('changes the language, remembers it and tells the page (html lang)', () => {
    setLanguage('fr');
    expect(currentLanguage()).toBe('fr');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('fr');
    expect(document.documentElement.lang).toBe('fr');
    expect(i18n.t('clinician.status.degraded')).toBe('Retardé');
  });
});

describe('translations', () => {
  /** Every key path with a string value. */
  const keys = (o: object, prefix = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)));
  const placeholders = (o: object): Record<string, string[]> => {
    const out: Record<string, string[]> = {};
    const walk = (x: object, prefix: string) =>
      Object.entries(x).forEach(([k, v]) => (typeof v === 'string' ? (out[prefix + k] = [...v.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort()) : walk(v as object, `${prefix}${k}.`)));
    walk(o, '');
    return out;
  };

  it.each([
    ['nl', nl],
    ['fr', fr],
  ] as const)('%s has every English key, and no text is left empty', (_, translation) => {
    expect(keys(translation)).toEqual(keys(en));
    expect(keys(translation).filter((k) => !(i18n.getFixedT(_)(k) as string).trim())).toEqual([]);
  });

  it.each([
    ['nl', nl],
    ['fr', fr],
  ] as const)('%s fills in the same values as English (except where its grammar picks another)', (_, translation) => {
    const ours = placeholders(translation);
    const theirs = placeholders(en);
    const differ = Object.keys(theirs).filter((k) => JSON.stringify(ours[k]) !== JSON.stringify(theirs[k]));
    // French counts the failing links, English and Dutch all of them, in the perimeter headline.
    expect(differ).toEqual(_ === 'fr' ? ['headline.perimeter'] : []);
  });
});
