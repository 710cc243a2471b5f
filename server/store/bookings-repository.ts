/**
 * Bookings: the personal data of an appointment booked online or by staff, keyed by that
 * appointment (its time, status and code stay in `appointments`, which the kiosks sync). Also
 * the reads the capacity rule needs: the start times a service's slots are taken by, active
 * bookings per contact, whether a code is in use. The purge erases a booking's personal data.
 */
import { sql } from 'kysely';
import type { Language } from '../../src-shared/domain/language';
import { allRows, firstRow, runWrite, type Connection } from './connection';

export type BookingSource = 'online' | 'staff';

export interface NewBooking {
  appointmentId: string;
  name: string;
  email: string | null;
  phone: string | null;
  emailHash: string | null;
  phoneHash: string | null;
  manageTokenSha256: string;
  language: Language;
  source: BookingSource;
  createdAtMs: number;
}

export interface StoredBooking extends NewBooking {
  siteId: string;
}

interface BookingRow {
  appointment_id: string;
  site_id: string;
  name: string;
  email: string | null;
  phone: string | null;
  email_hash: string | null;
  phone_hash: string | null;
  manage_token_sha256: string;
  language: string;
  source: string;
  created_at_ms: number | string;
}

const toBooking = (row: BookingRow): StoredBooking => ({
  appointmentId: row.appointment_id,
  siteId: row.site_id,
  name: row.name,
  email: row.email,
  phone: row.phone,
  emailHash: row.email_hash,
  phoneHash: row.phone_hash,
  manageTokenSha256: row.manage_token_sha256,
  language: row.language as Language,
  source: row.source as BookingSource,
  createdAtMs: Number(row.created_at_ms),
});

export class BookingsRepository {
  constructor(private readonly connection: Connection) {}

  async insert(siteId: string, booking: NewBooking): Promise<void> {
    await runWrite(
      this.connection,
      sql`INSERT INTO bookings (appointment_id, site_id, name, email, phone, email_hash,
          phone_hash, manage_token_sha256, language, source, created_at_ms)
        VALUES (${booking.appointmentId}, ${siteId}, ${booking.name}, ${booking.email},
          ${booking.phone}, ${booking.emailHash}, ${booking.phoneHash},
          ${booking.manageTokenSha256}, ${booking.language}, ${booking.source},
          ${booking.createdAtMs})`,
    );
  }

  async byManageToken(manageTokenSha256: string): Promise<StoredBooking | undefined> {
    const row = await firstRow(
      this.connection,
      sql<BookingRow>`SELECT * FROM bookings WHERE manage_token_sha256 = ${manageTokenSha256}`,
    );
    return row ? toBooking(row) : undefined;
  }

  async byAppointment(appointmentId: string): Promise<StoredBooking | undefined> {
    const row = await firstRow(
      this.connection,
      sql<BookingRow>`SELECT * FROM bookings WHERE appointment_id = ${appointmentId}`,
    );
    return row ? toBooking(row) : undefined;
  }

  /** The site's bookings whose appointment is on `day`, by start time. */
  async ofDay(siteId: string, day: string): Promise<StoredBooking[]> {
    const rows = await allRows(
      this.connection,
      sql<BookingRow>`SELECT b.* FROM bookings b JOIN appointments a ON a.id = b.appointment_id
        WHERE b.site_id = ${siteId} AND a.local_day = ${day} ORDER BY a.starts_at, a.id`,
    );
    return rows.map(toBooking);
  }

  /**
   * Bookings still to come (booked, starting at or after `nowIso`) held by this e-mail or phone
   * hash: what the per-contact limit counts.
   */
  async countActiveForContact(
    siteId: string,
    emailHash: string | null,
    phoneHash: string | null,
    nowIso: string,
  ): Promise<number> {
    if (emailHash === null && phoneHash === null) return 0;
    const row = await firstRow(
      this.connection,
      sql<{ count: number | string }>`SELECT COUNT(*) AS count FROM bookings b
        JOIN appointments a ON a.id = b.appointment_id
        WHERE b.site_id = ${siteId} AND a.status = 'booked' AND a.starts_at >= ${nowIso}
          AND (b.email_hash = ${emailHash} OR b.phone_hash = ${phoneHash})`,
    );
    return Number(row?.count ?? 0);
  }

  /**
   * Start instants (epoch ms, ascending) of a service's non-cancelled appointments on the
   * site-local days from `fromDay` to `toDay`: booked online, by staff or by the town hall's
   * own system alike. `exceptId` leaves one out (a booking being moved).
   */
  async takenStarts(
    siteId: string,
    serviceId: string,
    fromDay: string,
    toDay: string,
    exceptId: string | null = null,
  ): Promise<number[]> {
    const rows = await allRows(
      this.connection,
      sql<{ id: string; starts_at: string }>`SELECT id, starts_at FROM appointments
        WHERE site_id = ${siteId} AND service_id = ${serviceId} AND status <> 'cancelled'
          AND local_day BETWEEN ${fromDay} AND ${toDay}`,
    );
    return rows
      .filter((row) => row.id !== exceptId)
      .map((row) => new Date(row.starts_at).getTime())
      .sort((a, b) => a - b);
  }

  async codeInUse(siteId: string, code: string): Promise<boolean> {
    const row = await firstRow(
      this.connection,
      sql`SELECT 1 AS one FROM appointments WHERE site_id = ${siteId} AND code = ${code}`,
    );
    return row !== undefined;
  }

  /**
   * Erases the personal data of the site's bookings whose appointment's day is before
   * `beforeDay`: the booking row (name, contact, their hashes, the manage token) and the
   * appointment's ID hash. The appointment itself (code, service, time, status) stays until the
   * server's retention erases the day. The number of bookings erased.
   */
  async purgeBefore(siteId: string, beforeDay: string): Promise<number> {
    const old = sql`SELECT b.appointment_id FROM bookings b
      JOIN appointments a ON a.id = b.appointment_id
      WHERE b.site_id = ${siteId} AND a.local_day < ${beforeDay}`;
    await runWrite(
      this.connection,
      sql`UPDATE appointments SET citizen_id_hash = NULL WHERE id IN (${old})`,
    );
    return runWrite(this.connection, sql`DELETE FROM bookings WHERE appointment_id IN (${old})`);
  }

  /** Bookings left without their appointment (the retention erased its day). */
  async eraseOrphans(siteId: string): Promise<number> {
    return runWrite(
      this.connection,
      sql`DELETE FROM bookings WHERE site_id = ${siteId}
        AND appointment_id NOT IN (SELECT id FROM appointments WHERE site_id = ${siteId})`,
    );
  }
}
