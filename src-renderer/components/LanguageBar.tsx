import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../src-shared/i18n/catalogs';
import { useScreen } from '../state/store-context';

export function LanguageBar() {
  const { t } = useTranslation();
  const language = useScreen((state) => state.language);
  const chooseLanguage = useScreen((state) => state.chooseLanguage);
  return (
    <nav className="language-bar" aria-label={t('ui.languages.label')}>
      {LANGUAGES.map((code) => (
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
