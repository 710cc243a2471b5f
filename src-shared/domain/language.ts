/** The languages the kiosk speaks (Spanish first) and a text given per language. */
import { z } from 'zod';

export const LanguageSchema = z.enum(['es', 'en', 'fr', 'de']);
export type Language = z.infer<typeof LanguageSchema>;

export const LocalizedTextSchema = z
  .object({
    es: z.string().min(1).max(200),
    en: z.string().min(1).max(200).optional(),
    fr: z.string().min(1).max(200).optional(),
    de: z.string().min(1).max(200).optional(),
  })
  .meta({ id: 'LocalizedText', description: 'A text per language; Spanish is required.' });
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;
