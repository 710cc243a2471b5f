/**
 * The booking page's texts: only the `booking` catalog area of each language (the page must
 * stay small on a phone, so no i18next), with `{{name}}` filled in. The page's language comes
 * from `?lang=`, else the phone's languages, else Spanish.
 */
import de from '../../src-shared/i18n/locales/de/booking.json';
import en from '../../src-shared/i18n/locales/en/booking.json';
import es from '../../src-shared/i18n/locales/es/booking.json';
import fr from '../../src-shared/i18n/locales/fr/booking.json';
import { BOOKING_LANGUAGES, fillText } from '../../src-shared/domain/booking-texts';
import type { Language } from '../../src-shared/domain/language';

export type BookingTextKey = keyof typeof es;
export type BookingTexts = (
  key: BookingTextKey,
  values?: Record<string, string | number>,
) => string;

const catalogs: Record<Language, Record<BookingTextKey, string>> = { es, en, fr, de };

/** The names each language is offered under, in that language. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  es: 'Español',
  en: 'English',
  fr: 'Français',
  de: 'Deutsch',
};

const asLanguage = (tag: string | null | undefined): Language | undefined =>
  BOOKING_LANGUAGES.find((language) => language === tag?.toLowerCase().split('-')[0]);

export function pageLanguage(query: string | null, preferred: readonly string[]): Language {
  return asLanguage(query) ?? preferred.map(asLanguage).find((found) => found) ?? 'es';
}

export function bookingTexts(language: Language): BookingTexts {
  const catalog = catalogs[language];
  return (key, values) => fillText(catalog[key], values);
}
