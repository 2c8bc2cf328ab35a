import i18next from 'i18next';
import type { i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { fr } from './fr';
import { LANGUAGE_STORAGE_KEY, LANGUAGES, isLanguage, pickLanguage } from './languages';
import type { Language } from './languages';
import { nl } from './nl';

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // storage disabled (privacy mode): the choice is not remembered
  }
}

function startLanguage(): Language {
  const query = typeof location === 'undefined' ? null : new URLSearchParams(location.search).get('lang');
  const chosen = pickLanguage({
    query,
    stored: storage()?.getItem(LANGUAGE_STORAGE_KEY),
    browser: typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]),
  });
  if (query && isLanguage(query)) storage()?.setItem(LANGUAGE_STORAGE_KEY, query);
  return chosen;
}

/** The app's one i18next instance, ready synchronously (resources are bundled, not fetched). */
export const i18n: I18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, nl: { translation: nl }, fr: { translation: fr } },
  lng: startLanguage(),
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
  initAsync: false,
});
syncDocumentLanguage();
i18n.on('languageChanged', syncDocumentLanguage);

function syncDocumentLanguage(): void {
  if (typeof document !== 'undefined') document.documentElement.lang = currentLanguage();
}

export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
}

/** Switches the language and remembers the choice on this device. */
export function setLanguage(language: Language): void {
  storage()?.setItem(LANGUAGE_STORAGE_KEY, language);
  void i18n.changeLanguage(language);
}
