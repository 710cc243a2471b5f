/** A service's name in the page's language, Spanish when it has none in it. */
import type { LocalizedText } from '../../../src-shared/domain/language';

export const serviceName = (names: LocalizedText | undefined, language: string, id = ''): string =>
  (names as Record<string, string | undefined> | undefined)?.[language] ?? names?.es ?? id;
