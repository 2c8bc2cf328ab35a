import { i18n } from './i18n';
import { LANGUAGES } from './languages';
import type { Language } from './languages';

/** One page's words in every language; nl and fr must have exactly the English keys (see sections.spec.ts). */
export type Section = Record<Language, object>;

/**
 * Adds a page's own words under `name` (`t('audit.title')`), beside the other sections (the
 * language objects are not touched). Called when the page's code loads, so pages loaded on
 * demand keep their words out of the wall's first download.
 */
export function addSection(name: string, words: Section): void {
  for (const language of LANGUAGES) i18n.addResourceBundle(language, 'translation', { [name]: words[language] }, false, true);
}
