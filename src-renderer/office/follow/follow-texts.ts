/**
 * The follow page's texts: only the `follow` catalog area of each language (the page must stay
 * small on a slow phone connection, so no i18next and no other area), with `{{name}}` filled in.
 * The phone's language is chosen among es/en/fr/de, Spanish otherwise.
 */
import de from '../../../src-shared/i18n/locales/de/follow.json';
import en from '../../../src-shared/i18n/locales/en/follow.json';
import es from '../../../src-shared/i18n/locales/es/follow.json';
import fr from '../../../src-shared/i18n/locales/fr/follow.json';
import type { Language } from '../../../src-shared/domain/language';

export type FollowTextKey = keyof typeof es;
export type FollowTexts = (key: FollowTextKey, values?: Record<string, string | number>) => string;

const catalogs: Record<Language, Record<FollowTextKey, string>> = { es, en, fr, de };

export const FOLLOW_LANGUAGES: readonly Language[] = ['es', 'en', 'fr', 'de'];

/** The first of the phone's languages the page has, by its primary subtag; Spanish otherwise. */
export function phoneLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split('-')[0];
    const found = FOLLOW_LANGUAGES.find((language) => language === primary);
    if (found) return found;
  }
  return 'es';
}

export function followTexts(language: Language): FollowTexts {
  const catalog = catalogs[language];
  return (key, values = {}) =>
    catalog[key].replace(/\{\{(\w+)\}\}/g, (_match, name: string) => String(values[name] ?? ''));
}
