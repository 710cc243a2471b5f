/**
 * Erasing what a site recorded on days past its retention: appointments (with their change
 * log), check-ins, tickets (walk-ins and appointment tickets), called turns, number leases and
 * the kiosks' refused reports; and the staff audit log past its own, longer retention.
 * On SQLite the database runs with `secure_delete` (see database.ts), so erased rows are
 * overwritten, and the WAL is checkpointed and truncated afterwards so no older copy of them
 * stays in it; PostgreSQL's VACUUM (autovacuum) reclaims them in time.
 */
import { sql } from 'kysely';
import { atomically, runWrite, type Connection } from './connection';

/** Rows erased per table. */
export type ErasedRows = Record<
  | 'appointments'
  | 'appointmentChanges'
  | 'checkIns'
  | 'tickets'
  | 'calledTurns'
  | 'numberLeases'
  | 'kioskConflicts',
  number
>;

export class RetentionRepository {
  constructor(private readonly connection: Connection) {}

  /**
   * Erases, in one transaction, every row of a site that belongs to a site-local day before
   * `beforeDay` (or, for rows that have only an instant, that is before `beforeInstant`, the
   * start of that day).
   */
  async eraseBefore(siteId: string, beforeDay: string, beforeInstant: Date): Promise<ErasedRows> {
    const instant = beforeInstant.toISOString();
    const oldTickets = sql`SELECT ticket_id FROM tickets
      WHERE site_id = ${siteId} AND local_day < ${beforeDay}`;
    const oldAppointments = sql`SELECT id FROM appointments
      WHERE site_id = ${siteId} AND local_day < ${beforeDay}`;
    const erased = await atomically(
      this.connection,
      async (connection): Promise<ErasedRows> => ({
        // Instants written by the server (received_at, called_at) are all toISOString(): UTC,
        // so they compare as text.
        checkIns: await runWrite(
          connection,
          sql`DELETE FROM check_ins WHERE site_id = ${siteId} AND (ticket_id IN (${oldTickets})
            OR appointment_id IN (${oldAppointments}) OR received_at < ${instant})`,
        ),
        calledTurns: await runWrite(
          connection,
          sql`DELETE FROM called_turns WHERE site_id = ${siteId}
            AND (ticket_id IN (${oldTickets}) OR called_at < ${instant})`,
        ),
        tickets: await runWrite(
          connection,
          sql`DELETE FROM tickets WHERE site_id = ${siteId} AND local_day < ${beforeDay}`,
        ),
        kioskConflicts: await runWrite(
          connection,
          sql`DELETE FROM kiosk_conflicts WHERE site_id = ${siteId} AND local_day < ${beforeDay}`,
        ),
        numberLeases: await runWrite(
          connection,
          sql`DELETE FROM number_leases WHERE site_id = ${siteId} AND day < ${beforeDay}`,
        ),
        appointmentChanges: await runWrite(
          connection,
          sql`DELETE FROM appointment_changes WHERE appointment_id IN (${oldAppointments})`,
        ),
        appointments: await runWrite(
          connection,
          sql`DELETE FROM appointments WHERE site_id = ${siteId} AND local_day < ${beforeDay}`,
        ),
      }),
      siteId,
    );
    if (this.connection.dialect === 'sqlite' && Object.values(erased).some((count) => count > 0)) {
      await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(this.connection.db);
    }
    return erased;
  }

  /**
   * Erases the staff audit entries made before `before` (the audit retention: the log has no
   * site-local day, only an instant). Answers how many.
   */
  async eraseAuditBefore(before: Date): Promise<number> {
    const erased = await runWrite(
      this.connection,
      sql`DELETE FROM staff_audit WHERE at_ms < ${before.getTime()}`,
    );
    if (this.connection.dialect === 'sqlite' && erased > 0) {
      await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(this.connection.db);
    }
    return erased;
  }
}
