/**
 * The message catalogs for end-to-end specs, read from their JSON files: Playwright's module
 * loader refuses JSON modules imported without an import attribute, as the catalogs' index
 * files import them, so specs cannot import src-shared/i18n/catalogs.ts itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import i18next, { type TFunction } from 'i18next';
import type { MessageCatalog } from '../../../src-shared/i18n/catalogs';
import type { Language } from '../../../src-shared/domain/language';

const LOCALES = fileURLToPath(new URL('../../../src-shared/i18n/locales/', import.meta.url));

export const CATALOG_LANGUAGES: readonly Language[] = ['es', 'en', 'fr', 'de'];

const loaded = new Map<Language, MessageCatalog>();

export function catalogOf(language: Language): MessageCatalog {
  let catalog = loaded.get(language);
  if (!catalog) {
    const folder = `${LOCALES}${language}/`;
    const areas = readdirSync(folder)
      .filter((file) => file.endsWith('.json'))
      .map((file) => [
        file.slice(0, -'.json'.length),
        JSON.parse(readFileSync(folder + file, 'utf8')),
      ]);
    catalog = Object.fromEntries(areas) as MessageCatalog;
    loaded.set(language, catalog);
  }
  return catalog;
}

const translators = new Map<Language, TFunction>();

/** A translate function over the catalogs, as the renderer's (Spanish fallback, no escaping). */
export function textsFor(language: Language): TFunction {
  let t = translators.get(language);
  if (!t) {
    const instance = i18next.createInstance();
    void instance.init({
      lng: language,
      fallbackLng: 'es',
      resources: Object.fromEntries(
        CATALOG_LANGUAGES.map((code) => [code, { translation: catalogOf(code) }]),
      ),
      initImmediate: false,
      showSupportNotice: false,
      interpolation: { escapeValue: false },
    });
    t = instance.t.bind(instance);
    translators.set(language, t);
  }
  return t;
}
