/**
 * Erasing what a site recorded on days past its retention: appointments (with their change
 * log), check-ins, tickets (walk-ins and appointment tickets), called turns and number leases.
 * The database runs with `secure_delete` (see store.ts), so erased rows are overwritten, and
 * the WAL is checkpointed and truncated afterwards so no older copy of them stays in it.
 */
import type Database from 'better-sqlite3';

/** Rows erased per table. */
export type ErasedRows = Record<
  'appointments' | 'appointmentChanges' | 'checkIns' | 'tickets' | 'calledTurns' | 'numberLeases',
  number
>;

export class RetentionRepository {
  constructor(private readonly db: Database.Database) {}

  /**
   * Erases, in one transaction, every row of a site that belongs to a site-local day before
   * `beforeDay` (or, for rows that have only an instant, that is before `beforeInstant`, the
   * start of that day).
   */
  eraseBefore(siteId: string, beforeDay: string, beforeInstant: Date): ErasedRows {
    const params = { siteId, beforeDay, beforeInstant: beforeInstant.toISOString() };
    const oldTickets = `SELECT ticket_id FROM tickets WHERE site_id = @siteId AND local_day < @beforeDay`;
    const oldAppointments = `SELECT id FROM appointments WHERE site_id = @siteId AND local_day < @beforeDay`;
    const run = (sql: string) => this.db.prepare(sql).run(params).changes;
    const erased = this.db.transaction((): ErasedRows => ({
      // Instants written by the server (received_at, called_at) are all toISOString(): UTC,
      // so they compare as text.
      checkIns: run(
        `DELETE FROM check_ins WHERE site_id = @siteId AND (ticket_id IN (${oldTickets})
             OR appointment_id IN (${oldAppointments}) OR received_at < @beforeInstant)`,
      ),
      calledTurns: run(
        `DELETE FROM called_turns WHERE site_id = @siteId
             AND (ticket_id IN (${oldTickets}) OR called_at < @beforeInstant)`,
      ),
      tickets: run(`DELETE FROM tickets WHERE site_id = @siteId AND local_day < @beforeDay`),
      numberLeases: run(`DELETE FROM number_leases WHERE site_id = @siteId AND day < @beforeDay`),
      appointmentChanges: run(
        `DELETE FROM appointment_changes WHERE appointment_id IN (${oldAppointments})`,
      ),
      appointments: run(
        `DELETE FROM appointments WHERE site_id = @siteId AND local_day < @beforeDay`,
      ),
    }))();
    if (Object.values(erased).some((count) => count > 0)) {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    }
    return erased;
  }
}
