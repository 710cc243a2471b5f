/**
 * Cases where the town hall's word differs from what the kiosk did offline: a check-in refused
 * (booking cancelled, checked in elsewhere, unknown, invalid) or a booking moved to another day.
 * The citizen's ticket stays valid; staff read these in diagnostics. No personal data: the
 * ticket number, the kind and the town hall's reason.
 */
import type { SqliteDatabase } from './database';

export type ConflictKind =
  /**
   * 409: the booking was cancelled at the town hall before this check-in reached it (or, with
   * Easy!Appointments, deleted: its cancel link deletes).
   */
  | 'booking-cancelled'
  /**
   * 409: the town hall has the booking on another day than the ticket's, and refused to check it
   * in (Easy!Appointments: its real appointment is left as it is).
   */
  | 'booking-moved'
  /** 409: the booking was already checked in with another ticket (another kiosk): theirs wins. */
  | 'checked-in-elsewhere'
  /** 409: the number was already issued that day by another ticket (overlapping ranges). */
  | 'number-taken'
  /** 409 other than the above (e.g. an idempotency key reused with another body). */
  | 'conflict'
  /** 404/422: the town hall does not know the booking. */
  | 'unknown-appointment'
  /**
   * The town hall answered, but never with a success, for many attempts (a 5xx that does not
   * end, a back end whose answers do not fit the contract): set aside so the rows behind it go.
   */
  | 'gave-up'
  /** 409 daily-cap-reached: the service's daily cap was reached (walk-ins). */
  | 'daily-cap-reached'
  /** 400/413/415 or an invalid local row: refused as malformed. */
  | 'rejected'
  /** Accepted, but the town hall has the booking on another day than the ticket's. */
  | 'rescheduled';

export interface ConflictRecord {
  ticketId: string;
  ticketNumber: string;
  kind: ConflictKind;
  reason: string;
  at: string;
}

interface ConflictRow {
  ticket_id: string;
  ticket_number: string;
  kind: string;
  reason: string;
  at: string;
}

function prepareStatements(db: SqliteDatabase) {
  return {
    insert: db.prepare(
      `INSERT INTO sync_conflicts (ticket_id, ticket_number, kind, reason, at)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT (ticket_id, kind) DO NOTHING`,
    ),
    recent: db.prepare(
      `SELECT ticket_id, ticket_number, kind, reason, at FROM sync_conflicts
       ORDER BY id DESC LIMIT ?`,
    ),
    count: db.prepare(`SELECT count(*) AS n FROM sync_conflicts`),
    /** Today's tickets whose booking the town hall now has on another day. */
    movedBookings: db.prepare(
      `SELECT t.id, t.number, a.local_day AS booking_day FROM tickets t
       JOIN appointments a ON a.id = t.appointment_id
       WHERE t.local_day = ? AND a.local_day <> t.local_day AND a.source = 'townhall'
         AND NOT EXISTS (SELECT 1 FROM sync_conflicts c
                         WHERE c.ticket_id = t.id AND c.kind IN ('rescheduled', 'booking-moved'))`,
    ),
  };
}

export class ConflictRepository {
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(db: SqliteDatabase) {
    this.statements = prepareStatements(db);
  }

  /** Records a case once per ticket and kind; true when it is new. */
  record(ticketId: string, ticketNumber: string, kind: ConflictKind, reason: string, now: Date) {
    return (
      this.statements.insert.run(
        ticketId,
        ticketNumber,
        kind,
        reason.slice(0, 300),
        now.toISOString(),
      ).changes === 1
    );
  }

  /** The newest cases first, for diagnostics. */
  recent(limit = 50): ConflictRecord[] {
    return (this.statements.recent.all(limit) as ConflictRow[]).map((row) => ({
      ticketId: row.ticket_id,
      ticketNumber: row.ticket_number,
      kind: row.kind as ConflictKind,
      reason: row.reason,
      at: row.at,
    }));
  }

  count(): number {
    return (this.statements.count.get() as { n: number }).n;
  }

  movedBookings(localDay: string): Array<{ id: string; number: string; bookingDay: string }> {
    return (
      this.statements.movedBookings.all(localDay) as Array<{
        id: string;
        number: string;
        booking_day: string;
      }>
    ).map((row) => ({ id: row.id, number: row.number, bookingDay: row.booking_day }));
  }
}
