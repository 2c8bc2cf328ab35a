import { useTranslation } from 'react-i18next';
import { i18n, currentLanguage } from './i18n';
import { LOCALES } from './languages';
import type { Language } from './languages';

/** A translate function: key (dotted path into en.ts) and interpolation values → text. */
export type T = (key: string, options?: Record<string, unknown>) => string;

/** A translate function fixed to one language, outside React (pure helpers, tests). */
export function fixedT(language: Language): T {
  return i18n.getFixedT(language) as unknown as T;
}

/** `t` plus the current language and its locale; re-renders when the language changes. */
export function useT(): { t: T; language: Language; locale: string } {
  const { t } = useTranslation(undefined, { i18n });
  const language = currentLanguage();
  return { t: t as unknown as T, language, locale: LOCALES[language] };
}
