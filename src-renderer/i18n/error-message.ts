/**
 * The translated message of a refusal. Parameters that are data (a `YYYY-MM-DD` day) are
 * written the way the citizen's language writes dates: "el lunes, 30 de noviembre".
 */
import type { TFunction } from 'i18next';
import type { IpcError } from '../../src-shared/contract/ipc';
import type { ErrorTitle } from '../flows/error-next-step';

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function localDayText(day: string, language: string): string {
  const match = ISO_DAY.exec(day);
  if (!match) return day;
  const [, year, month, dayOfMonth] = match.map(Number) as [number, number, number, number];
  // A calendar day, not an instant: formatted in UTC so no zone can move it to another day.
  return new Intl.DateTimeFormat(language, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, month - 1, dayOfMonth)));
}

export function errorMessage(t: TFunction, error: IpcError, language: string): string {
  const params: Record<string, string> = { ...error.params };
  if (params.day) params.day = localDayText(params.day, language);
  return t(`errors.${error.code}`, params);
}

/** The heading of an error screen: not "we could not give you a turn" when the citizen has one. */
export function errorTitleKey(title: ErrorTitle): string {
  return title === 'default' ? 'ui.error.title' : `citizenFlows.errors.title.${title}`;
}
