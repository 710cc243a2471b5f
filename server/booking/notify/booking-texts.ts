/**
 * The `booking` catalog area of each language, for what the server writes to a booking's holder
 * (the e-mail, the calendar file): the same texts the booking page shows.
 */
import de from '../../../src-shared/i18n/locales/de/booking.json' with { type: 'json' };
import en from '../../../src-shared/i18n/locales/en/booking.json' with { type: 'json' };
import es from '../../../src-shared/i18n/locales/es/booking.json' with { type: 'json' };
import fr from '../../../src-shared/i18n/locales/fr/booking.json' with { type: 'json' };
import type { LocalizedText } from '../../../src-shared/domain/language';
import type { Language } from '../../../src-shared/domain/language';
import { fillText } from '../../../src-shared/domain/booking-texts';

export type BookingTextKey = keyof typeof es;
export type BookingTexts = (
  key: BookingTextKey,
  values?: Record<string, string | number>,
) => string;

const catalogs: Record<Language, Record<BookingTextKey, string>> = { es, en, fr, de };

export function bookingTexts(language: Language): BookingTexts {
  const catalog = catalogs[language];
  return (key, values) => fillText(catalog[key], values);
}

/** A service's name in the holder's language, Spanish when it has none in it. */
export const localName = (names: LocalizedText, language: Language): string =>
  names[language] ?? names.es;
