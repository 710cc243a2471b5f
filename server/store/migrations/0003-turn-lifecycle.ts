/**
 * What happens to a ticket after it is called, which the desk app, the wait estimate, the
 * follow page and the statistics all read:
 * - `tickets.called_at_ms` / `desk`: its first call (check-in → call is the waiting time);
 * - `tickets.finished_at_ms` / `outcome`: how its visit at the desk ended — `served`,
 *   `no-show` or `transferred` (call → finish is the service time);
 * - `tickets.follow_token`: the unguessable token of its public follow page (never the number);
 * - `called_turns.repeat`: 1 for "call again", which the lobby screen announces and marks.
 * Times are epoch milliseconds like `issued_at_ms`, so durations need no date parsing in SQL.
 */
import { sql, type Migration } from 'kysely';
import type { Dialect } from './index';

export const turnLifecycle = (dialect: Dialect): Migration => ({
  up: async (db) => {
    const epochMs = dialect === 'sqlite' ? 'INTEGER' : 'BIGINT';
    for (const column of [
      `called_at_ms ${epochMs}`,
      'desk TEXT',
      `finished_at_ms ${epochMs}`,
      `outcome TEXT CHECK (outcome IN ('served', 'no-show', 'transferred'))`,
      'follow_token TEXT',
    ]) {
      await sql.raw(`ALTER TABLE tickets ADD COLUMN ${column}`).execute(db);
    }
    await sql
      .raw('ALTER TABLE called_turns ADD COLUMN repeat INTEGER NOT NULL DEFAULT 0')
      .execute(db);
    await sql`CREATE UNIQUE INDEX tickets_by_follow_token ON tickets (follow_token)`.execute(db);
    await sql`CREATE INDEX tickets_by_finish ON tickets (site_id, local_day, finished_at_ms)`.execute(
      db,
    );
  },
});
