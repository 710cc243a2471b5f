/**
 * `kiosk_conflicts`: the ticket reports the server refused for good (a booking checked in twice
 * by kiosks that were offline, cancelled, unknown, a number taken, a daily cap reached, a walk-in
 * where none are taken), which the supervisor page lists for the day with what to do. One row
 * per refused ticket (its id is the key, so a replayed report adds nothing). Numbers, services and
 * kiosks only: no name, no ID hash, no booking code. Erased with the day at the end of retention.
 */
import { sql, type Migration } from 'kysely';
import type { Dialect } from './index';

export const kioskConflicts = (dialect: Dialect): Migration => ({
  up: async (db) => {
    const epochMs = dialect === 'sqlite' ? 'INTEGER' : 'BIGINT';
    await sql
      .raw(
        `CREATE TABLE kiosk_conflicts (
          ticket_id TEXT NOT NULL PRIMARY KEY,
          site_id TEXT NOT NULL,
          local_day TEXT NOT NULL,
          kiosk_id TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('checked-in-elsewhere', 'booking-cancelled',
            'unknown-appointment', 'number-taken', 'daily-cap-reached', 'no-walk-ins')),
          ticket_number TEXT NOT NULL,
          other_ticket_number TEXT,
          service_id TEXT,
          issued_at_ms ${epochMs} NOT NULL,
          refused_at_ms ${epochMs} NOT NULL
        )`,
      )
      .execute(db);
    await sql`CREATE INDEX kiosk_conflicts_by_day ON kiosk_conflicts (site_id, local_day)`.execute(
      db,
    );
  },
});
