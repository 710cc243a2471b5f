/** A small i18next instance per language, usable from both Node and the browser. */
import i18next, { type TFunction } from 'i18next';
import type { Language } from '../domain/language';
import { catalogs, DEFAULT_LANGUAGE } from './catalogs';

const resources = Object.fromEntries(
  Object.entries(catalogs).map(([language, catalog]) => [language, { translation: catalog }]),
);

const translators = new Map<Language, TFunction>();

/** A translate function for one language; missing keys fall back to Spanish. */
export function translator(language: Language): TFunction {
  let t = translators.get(language);
  if (!t) {
    const instance = i18next.createInstance();
    void instance.init({
      lng: language,
      fallbackLng: DEFAULT_LANGUAGE,
      resources,
      initImmediate: false,
      showSupportNotice: false,
      interpolation: { escapeValue: false },
    });
    t = instance.t.bind(instance);
    translators.set(language, t);
  }
  return t;
}
