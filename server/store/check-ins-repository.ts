/**
 * Check-ins as kiosks reported them: the record a replay of the same request gets back. Of the
 * booking token only a SHA-256 is kept, enough to tell a replay from another request.
 */
import { sql } from 'kysely';
import type { CheckInRecord, CheckInRequest } from '../../src-shared/contract/townhall-api';
import { hashSecret } from '../device-secrets';
import { allRows, firstRow, runWrite, type Connection } from './connection';

interface CheckInRow {
  ticket_id: string;
  site_id: string;
  appointment_id: string;
  kiosk_id: string;
  ticket_number: string;
  issued_at: string;
  received_at: string;
  identified_by: string | null;
  booking_token_sha256: string | null;
}

export interface StoredCheckIn extends Omit<CheckInRecord, 'identifiedBy' | 'bookingToken'> {
  siteId: string;
  /** As the request said; null when it did not (or the row predates this column). */
  identifiedBy: CheckInRequest['identifiedBy'] | null;
  bookingTokenHash: string | null;
}

/** What a check-in's booking token is kept as: its SHA-256, or null without one. */
export const bookingTokenHash = (request: CheckInRequest): string | null =>
  request.bookingToken === undefined ? null : hashSecret(request.bookingToken);

const toCheckIn = (row: CheckInRow): StoredCheckIn => ({
  ticketId: row.ticket_id,
  appointmentId: row.appointment_id,
  kioskId: row.kiosk_id,
  ticketNumber: row.ticket_number,
  issuedAt: row.issued_at,
  receivedAt: row.received_at,
  siteId: row.site_id,
  identifiedBy: row.identified_by as StoredCheckIn['identifiedBy'],
  bookingTokenHash: row.booking_token_sha256,
});

export const publicCheckIn = (checkIn: StoredCheckIn): CheckInRecord => ({
  ticketId: checkIn.ticketId,
  appointmentId: checkIn.appointmentId,
  kioskId: checkIn.kioskId,
  ticketNumber: checkIn.ticketNumber,
  issuedAt: checkIn.issuedAt,
  receivedAt: checkIn.receivedAt,
});

export class CheckInsRepository {
  constructor(private readonly connection: Connection) {}

  async get(ticketId: string): Promise<StoredCheckIn | undefined> {
    const row = await firstRow(
      this.connection,
      sql<CheckInRow>`SELECT * FROM check_ins WHERE ticket_id = ${ticketId}`,
    );
    return row ? toCheckIn(row) : undefined;
  }

  async insert(siteId: string, request: CheckInRequest, receivedAt: Date): Promise<StoredCheckIn> {
    await runWrite(
      this.connection,
      sql`INSERT INTO check_ins (ticket_id, site_id, appointment_id, kiosk_id, ticket_number,
            issued_at, received_at, identified_by, booking_token_sha256)
          VALUES (${request.ticketId}, ${siteId}, ${request.appointmentId}, ${request.kioskId},
            ${request.ticketNumber}, ${request.issuedAt}, ${receivedAt.toISOString()},
            ${request.identifiedBy ?? null}, ${bookingTokenHash(request)})`,
    );
    return (await this.get(request.ticketId)) as StoredCheckIn;
  }

  /** Every check-in of every site, in arrival order. */
  async list(): Promise<StoredCheckIn[]> {
    const rows = await allRows(
      this.connection,
      sql<CheckInRow>`SELECT * FROM check_ins ORDER BY received_at, ticket_id`,
    );
    return rows.map(toCheckIn);
  }
}
