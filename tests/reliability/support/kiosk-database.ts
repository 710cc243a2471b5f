/**
 * The kiosk's SQLite file as the kiosk left it, read after the kiosk stopped, read-only (the
 * test must not repair what it inspects): the integrity check, the tickets it issued, what its
 * outbox still holds and what it set aside.
 */
import Database from 'better-sqlite3';

export interface KioskTicketRow {
  id: string;
  number: string;
  localDay: string;
  appointmentId: string | null;
}

export interface KioskDatabaseReport {
  /** `ok`, or SQLite's list of what is wrong. */
  integrity: string;
  tickets: KioskTicketRow[];
  /** Outbox rows neither delivered nor closed as refused. */
  pendingOutbox: number;
  /** Tickets the sync engine closed without delivering (refused, or given up): `E-014 gave-up`. */
  setAside: string[];
  /** The most failed pushes of one outbox row, and of those the ones the town hall answered. */
  mostFailedPushes: { attempts: number; answered: number };
}

export function inspectKioskDatabase(file: string): KioskDatabaseReport {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((row) => row.integrity_check)
      .join('; ');
    const tickets = db
      .prepare(
        `SELECT id, number, local_day AS localDay, appointment_id AS appointmentId FROM tickets`,
      )
      .all() as KioskTicketRow[];
    const { pending } = db
      .prepare(
        `SELECT count(*) AS pending FROM outbox WHERE delivered_at IS NULL AND rejected_at IS NULL`,
      )
      .get() as { pending: number };
    const setAside = (
      db.prepare(`SELECT ticket_number AS number, kind FROM sync_conflicts ORDER BY id`).all() as {
        number: string;
        kind: string;
      }[]
    ).map((row) => `${row.number} ${row.kind}`);
    const mostFailedPushes = db
      .prepare(
        `SELECT coalesce(max(attempts), 0) AS attempts,
                coalesce(max(answered_failures), 0) AS answered FROM outbox`,
      )
      .get() as { attempts: number; answered: number };
    return { integrity, tickets, pendingOutbox: pending, setAside, mostFailedPushes };
  } finally {
    db.close();
  }
}
