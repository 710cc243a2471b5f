/**
 * `tickets.arrival`: the order tickets of a site reached the server, for ties of issue time in
 * the queue. SQLite used its rowid, which PostgreSQL does not have; the column is numbered per
 * site by the insert (tickets-repository.ts), inside the site's transaction. Rows already there
 * get their rowid, which keeps their order.
 */
import { sql, type Migration } from 'kysely';
import type { Dialect } from './index';

export const ticketArrival = (dialect: Dialect): Migration => ({
  up: async (db) => {
    if (dialect === 'sqlite') {
      await sql`ALTER TABLE tickets ADD COLUMN arrival INTEGER`.execute(db);
      await sql`UPDATE tickets SET arrival = rowid`.execute(db);
    } else {
      await sql`ALTER TABLE tickets ADD COLUMN arrival BIGINT`.execute(db);
    }
    await sql`CREATE INDEX tickets_by_arrival ON tickets (site_id, arrival)`.execute(db);
  },
});
