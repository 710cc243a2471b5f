/**
 * Online booking (docs/booking.md):
 * - `booking_schedules`: per service, the week's opening spans (JSON), slot length, desks, days
 *   ahead, cut-off, online on/off and whether the DNI/NIE is asked for;
 * - `booking_holidays`: days the office (service_id NULL) or one service is closed, editable;
 * - `booking_policies`: the office's rules (active bookings per contact, purge, privacy notice);
 * - `bookings`: the personal data of a booking, keyed by the appointment it made (the booking
 *   itself IS that appointment: its time, status and code live in `appointments`). The contact
 *   is kept for the notices and as salted hashes for the per-contact limit; the manage token
 *   only as its SHA-256. The purge (retention.ts) erases the row.
 */
import { sql, type Migration } from 'kysely';
import type { Dialect } from './index';

export const bookingSchema = (dialect: Dialect): Migration => ({
  up: async (db) => {
    const epochMs = dialect === 'sqlite' ? 'INTEGER' : 'BIGINT';
    const strict = dialect === 'sqlite' ? ' STRICT' : '';
    const statements = [
      `CREATE TABLE booking_schedules (
        site_id TEXT NOT NULL,
        service_id TEXT NOT NULL,
        online INTEGER NOT NULL,
        week_json TEXT NOT NULL,
        slot_minutes INTEGER NOT NULL,
        desks INTEGER NOT NULL,
        days_ahead INTEGER NOT NULL,
        cutoff_minutes INTEGER NOT NULL,
        requires_citizen_id INTEGER NOT NULL,
        PRIMARY KEY (site_id, service_id)
      )${strict}`,
      `CREATE TABLE booking_holidays (
        id TEXT PRIMARY KEY,
        site_id TEXT NOT NULL,
        day TEXT NOT NULL,
        name TEXT NOT NULL,
        scope TEXT NOT NULL CHECK (scope IN ('national', 'regional', 'local', 'closure')),
        service_id TEXT
      )${strict}`,
      'CREATE INDEX booking_holidays_by_day ON booking_holidays (site_id, day)',
      `CREATE TABLE booking_policies (
        site_id TEXT PRIMARY KEY,
        max_active_per_contact INTEGER NOT NULL,
        purge_after_days INTEGER NOT NULL,
        controller_name TEXT NOT NULL,
        rights_contact TEXT NOT NULL
      )${strict}`,
      `CREATE TABLE bookings (
        appointment_id TEXT PRIMARY KEY,
        site_id TEXT NOT NULL,
        name TEXT NOT NULL,
        email TEXT,
        phone TEXT,
        email_hash TEXT,
        phone_hash TEXT,
        manage_token_sha256 TEXT NOT NULL UNIQUE,
        language TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('online', 'staff')),
        created_at_ms ${epochMs} NOT NULL
      )${strict}`,
      'CREATE INDEX bookings_by_email ON bookings (site_id, email_hash)',
      'CREATE INDEX bookings_by_phone ON bookings (site_id, phone_hash)',
      'CREATE INDEX appointments_by_code ON appointments (site_id, code)',
    ];
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
});
