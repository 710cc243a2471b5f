/** react-i18next over the catalogs shared with the printed ticket; Spanish is the fallback. */
import { createInstance, type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../src-shared/domain/language';
import { catalogs, DEFAULT_LANGUAGE } from '../../src-shared/i18n/catalogs';

const resources = Object.fromEntries(
  Object.entries(catalogs).map(([language, catalog]) => [language, { translation: catalog }]),
);

export function createRendererI18n(language: Language = DEFAULT_LANGUAGE): I18n {
  const instance = createInstance();
  void instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: Object.keys(catalogs),
    resources,
    initAsync: false,
    // React escapes what it renders; escaping here too would show "&amp;".
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
    showSupportNotice: false,
  });
  return instance;
}
