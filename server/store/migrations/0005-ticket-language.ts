/**
 * `tickets.language`: the language the citizen used at the kiosk (es, en, fr, de), which the
 * kiosks report since API v1 gained the optional field; null for tickets of older kiosks. The
 * lobby screen says a call in it after Spanish. A language is not personal data on its own, and
 * the row is erased with the rest of the ticket at the end of its retention.
 */
import { sql, type Migration } from 'kysely';

export const ticketLanguage = (): Migration => ({
  up: async (db) => {
    await sql`ALTER TABLE tickets ADD COLUMN language TEXT`.execute(db);
  },
});
