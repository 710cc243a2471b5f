/**
 * What a complete snapshot of the appointments window proves: a booking the cache holds in that
 * window and the snapshot lacks is no longer at the town hall (deleted, as Easy!Appointments
 * does with a cancellation, or moved out of the window, or gone with a restore). It is marked
 * cancelled, its version kept, so the same booking coming back in a later pull is booked again.
 * Bookings known only from a signed token are not the town hall's word and are left alone.
 *
 * (Its own module, not a CatalogRepository method, while the catalog is being reshaped in another
 * branch; it belongs there.)
 */
import type { SqliteDatabase } from './database';

export interface LocalDayRange {
  /** First site-local day, YYYY-MM-DD. */
  from: string;
  /** Last site-local day, included. */
  to: string;
}

/** Marks cancelled the town hall's bookings of `window` not in `present`; returns how many. */
export function cancelAppointmentsMissingFromWindow(
  db: SqliteDatabase,
  window: LocalDayRange,
  present: ReadonlySet<string>,
  now: Date,
): number {
  const cached = db
    .prepare(
      `SELECT id FROM appointments
       WHERE local_day BETWEEN ? AND ? AND source = 'townhall' AND status <> 'cancelled'`,
    )
    .all(window.from, window.to) as Array<{ id: string }>;
  const cancel = db.prepare(
    `UPDATE appointments SET status = 'cancelled', updated_at = ? WHERE id = ?`,
  );
  const missing = cached.filter(({ id }) => !present.has(id));
  for (const { id } of missing) cancel.run(now.toISOString(), id);
  return missing.length;
}
