/** How the page writes its figures: durations in minutes with one decimal, in the page's language. */
import type { Language } from '../../../src-shared/domain/language';
import type { LocalizedText } from '../../../src-shared/domain/language';

/** Minutes of a duration in seconds (one decimal), or null when there were no samples. */
export const minutesOf = (seconds: number | null): number | null =>
  seconds === null ? null : Math.round(seconds / 6) / 10;

export function formatMinutes(seconds: number | null, language: Language): string | null {
  const minutes = minutesOf(seconds);
  return minutes === null
    ? null
    : new Intl.NumberFormat(language, {
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
      }).format(minutes);
}

/** `09:00`: an hour of the day as the table and the chart label it. */
export const hourLabel = (hour: number): string => `${String(hour).padStart(2, '0')}:00`;

/** A service's name in the page's language, Spanish when it has none. */
export const serviceName = (
  names: Readonly<Record<string, LocalizedText>>,
  serviceId: string,
  language: Language,
): string => names[serviceId]?.[language] ?? names[serviceId]?.es ?? serviceId;
