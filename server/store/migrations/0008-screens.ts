/**
 * `screens`: the lobby screens (smart TVs) an administrator keeps per site (docs/office.md). The
 * id is the short slug typed into the TV (`/lobby?screen=<id>`), unique on the server so that
 * the address needs no site; the options are the lobby's (`LobbyOptionsSchema`), one column each
 * with the quiet hours as JSON (`WeeklyHoursSchema`); `last_seen_ms` is when the TV last read
 * its feed. Nothing of a citizen.
 */
import { sql, type Migration } from 'kysely';
import type { Dialect } from './index';

export const screens = (dialect: Dialect): Migration => ({
  up: async (db) => {
    const epochMs = dialect === 'sqlite' ? 'INTEGER' : 'BIGINT';
    const real = dialect === 'sqlite' ? 'REAL' : 'DOUBLE PRECISION';
    await sql
      .raw(
        `CREATE TABLE screens (
          id TEXT NOT NULL PRIMARY KEY,
          site_id TEXT NOT NULL,
          name TEXT NOT NULL,
          orientation TEXT NOT NULL CHECK (orientation IN ('auto', 'landscape', 'portrait')),
          high_contrast INTEGER NOT NULL,
          chime INTEGER NOT NULL,
          volume ${real} NOT NULL CHECK (volume >= 0 AND volume <= 1),
          speak_ticket_language INTEGER NOT NULL,
          recent_count INTEGER NOT NULL,
          quiet_hours_json TEXT NOT NULL,
          created_at_ms ${epochMs} NOT NULL,
          last_seen_ms ${epochMs}
        )`,
      )
      .execute(db);
    await sql`CREATE INDEX screens_by_site ON screens (site_id)`.execute(db);
  },
});
