import { setLanguage } from '../i18n/i18n';
import { LANGUAGE_NAMES, LANGUAGES } from '../i18n/languages';
import { useT } from '../i18n/use-t';

/** EN / NL / FR: each button names its language in that language; the choice is remembered. */
export function LanguageSwitch() {
  const { t, language } = useT();
  return (
    <div className="language-switch" role="group" aria-label={t('nav.language')}>
      {LANGUAGES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-label={LANGUAGE_NAMES[l]}
          aria-pressed={l === language}
          className="language-switch__button"
          onClick={() => setLanguage(l)}
        >
          {l.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
