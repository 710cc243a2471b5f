/**
 * The message catalogs, Spanish first. Shared by the renderer (screens) and the main process
 * (printed tickets), so one text is written once. Each language is a folder with one file per
 * area (`locales/<language>/<area>.json`); every language must have the same keys as Spanish.
 */
import type { Language } from '../domain/language';
import de from './locales/de';
import en from './locales/en';
import es from './locales/es';
import fr from './locales/fr';

export type MessageCatalog = typeof es;

export const LANGUAGES: readonly Language[] = ['es', 'en', 'fr', 'de'];
export const DEFAULT_LANGUAGE: Language = 'es';

export const catalogs: Record<Language, MessageCatalog> = { es, en, fr, de };
