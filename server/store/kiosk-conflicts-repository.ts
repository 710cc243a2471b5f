/**
 * The kiosks' refused ticket reports (`kiosk_conflicts`, migration 0006): recorded once per
 * ticket, listed per site and day for the supervisor page.
 */
import { sql } from 'kysely';
import type { KioskConflict, KioskConflictKind } from '../../src-shared/contract/office-conflicts';
import { KioskConflictKindSchema } from '../../src-shared/contract/office-conflicts';
import { allRows, runWrite, type Connection } from './connection';

/** A refusal to record: the conflict and where it belongs. */
export interface NewKioskConflict extends KioskConflict {
  siteId: string;
  day: string;
}

interface ConflictRow {
  ticket_id: string;
  kiosk_id: string;
  kind: string;
  ticket_number: string;
  other_ticket_number: string | null;
  service_id: string | null;
  issued_at_ms: number | string;
  refused_at_ms: number | string;
}

const toConflict = (row: ConflictRow): KioskConflict => ({
  ticketId: row.ticket_id,
  kioskId: row.kiosk_id,
  kind: KioskConflictKindSchema.parse(row.kind) satisfies KioskConflictKind,
  ticketNumber: row.ticket_number,
  otherTicketNumber: row.other_ticket_number,
  serviceId: row.service_id,
  // PostgreSQL's BIGINT comes back as text.
  issuedAtMs: Number(row.issued_at_ms),
  refusedAtMs: Number(row.refused_at_ms),
});

export class KioskConflictsRepository {
  constructor(private readonly connection: Connection) {}

  /** Records a refusal; false when this ticket's refusal was already recorded (a replay). */
  async record(conflict: NewKioskConflict): Promise<boolean> {
    const changed = await runWrite(
      this.connection,
      sql`INSERT INTO kiosk_conflicts (ticket_id, site_id, local_day, kiosk_id, kind,
          ticket_number, other_ticket_number, service_id, issued_at_ms, refused_at_ms)
        VALUES (${conflict.ticketId}, ${conflict.siteId}, ${conflict.day}, ${conflict.kioskId},
          ${conflict.kind}, ${conflict.ticketNumber}, ${conflict.otherTicketNumber},
          ${conflict.serviceId}, ${conflict.issuedAtMs}, ${conflict.refusedAtMs})
        ON CONFLICT (ticket_id) DO NOTHING`,
    );
    return changed > 0;
  }

  /** A site's conflicts of a day, newest refusal first. */
  async ofDay(siteId: string, day: string): Promise<KioskConflict[]> {
    const rows = await allRows<ConflictRow>(
      this.connection,
      sql`SELECT ticket_id, kiosk_id, kind, ticket_number, other_ticket_number, service_id,
          issued_at_ms, refused_at_ms
        FROM kiosk_conflicts WHERE site_id = ${siteId} AND local_day = ${day}
        ORDER BY refused_at_ms DESC, ticket_id DESC`,
    );
    return rows.map(toConflict);
  }
}
