/**
 * The message catalogs, Spanish first. Shared by the renderer (screens) and the main process
 * (printed tickets), so one text is written once.
 */
import type { Language } from '../domain/language';
import de from './locales/de.json';
import en from './locales/en.json';
import es from './locales/es.json';
import fr from './locales/fr.json';

export type MessageCatalog = typeof es;

export const LANGUAGES: readonly Language[] = ['es', 'en', 'fr', 'de'];
export const DEFAULT_LANGUAGE: Language = 'es';

export const catalogs: Record<Language, MessageCatalog> = { es, en, fr, de };
