/**
 * What the booking page and the confirmation e-mail both do with the `booking` catalog area:
 * fill `{{name}}` placeholders and write a booking's day the way its holder reads dates. Pure
 * (Intl only), so the server and the browser say the same thing.
 */
import type { Language } from './language';
import type { LocalDay } from './site-time';

export const BOOKING_LANGUAGES: readonly Language[] = ['es', 'en', 'fr', 'de'];

export const fillText = (template: string, values: Record<string, string | number> = {}): string =>
  template.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => String(values[name] ?? ''));

/** "lunes, 30 de noviembre de 2026": the day's own date, whatever the reader's time zone. */
export function formatLocalDay(day: LocalDay, language: Language): string {
  // Noon UTC of that date, written in UTC: the calendar date cannot shift.
  return new Intl.DateTimeFormat(language, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T12:00:00Z`));
}
