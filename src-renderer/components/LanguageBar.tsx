import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../src-shared/i18n/catalogs';
import { useScreen } from '../state/store-context';

export function LanguageBar() {
  const { t } = useTranslation();
  const language = useScreen((state) => state.language);
  const chooseLanguage = useScreen((state) => state.chooseLanguage);
  // The technician's choice (`citizen.languages`), from main; all of them until it is known.
  const offered = useScreen((state) => state.kiosk?.languages) ?? LANGUAGES;
  const languages = LANGUAGES.filter((code) => offered.includes(code));
  if (languages.length < 2) return null;
  return (
    <nav className="language-bar" aria-label={t('ui.languages.label')}>
      {languages.map((code) => (
        <button
          key={code}
          type="button"
          lang={code}
          className="language-bar__button"
          aria-pressed={code === language}
          onClick={() => chooseLanguage(code)}
        >
          <span className="language-bar__code" aria-hidden="true">
            {code.toUpperCase()}
          </span>
          {t(`ui.languages.${code}`)}
        </button>
      ))}
    </nav>
  );
}
