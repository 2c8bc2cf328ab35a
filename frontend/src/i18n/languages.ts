/** The languages Lifeline speaks; English is the reference and the fallback. */
export const LANGUAGES = ['en', 'nl', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language names itself, whatever the page's language. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', nl: 'Nederlands', fr: 'Français' };

/** Locales for dates and numbers: the hospital is Belgian, English follows British usage (24 h). */
export const LOCALES: Record<Language, string> = { en: 'en-GB', nl: 'nl-BE', fr: 'fr-BE' };

export const LANGUAGE_STORAGE_KEY = 'lifeline.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** `nl-BE` → `nl`; undefined for a language Lifeline does not speak. */
export function languageOf(tag: string | null | undefined): Language | undefined {
  const base = tag?.toLowerCase().split(/[-_]/)[0];
  return isLanguage(base) ? base : undefined;
}

/**
 * The language to start in: an explicit choice (`?lang=`, then the remembered one), else the
 * first of the browser's languages Lifeline speaks, else English.
 */
export function pickLanguage(sources: { query?: string | null; stored?: string | null; browser?: readonly string[] }): Language {
  return languageOf(sources.query) ?? languageOf(sources.stored) ?? sources.browser?.map(languageOf).find(Boolean) ?? 'en';
}
