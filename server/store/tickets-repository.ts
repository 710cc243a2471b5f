/**
 * Every issued ticket (appointment check-ins and walk-ins) as one queue per site and day.
 *
 * The `tickets` table is also the proof that no number is issued twice: it has one row per
 * ticket and a UNIQUE (site, service, day, number) constraint.
 */
import type Database from 'better-sqlite3';
import type { WalkInRecord, WalkInRequest } from '../../src-shared/contract/townhall-api';

export type TicketKind = 'appointment' | 'walk-in';

/** One issued ticket as the server knows it (admin view: no personal data in it either). */
export interface IssuedTicket {
  ticketId: string;
  siteId: string;
  kind: TicketKind;
  serviceId: string;
  /** Site-local day of `issuedAt`: the day whose counter the number belongs to. */
  day: string;
  ticketNumber: string;
  kioskId: string;
  appointmentId: string | null;
  /** A priority walk-in (older people, pregnancy, disability), as the kiosk reported it. */
  priority: boolean;
  issuedAt: string;
  receivedAt: string;
  calledSeq: number | null;
}

/** A ticket as it is recorded: what the server will know of it, before it is called. */
export type NewTicket = Omit<IssuedTicket, 'receivedAt' | 'calledSeq'> & { receivedAt: Date };

interface TicketRow {
  ticket_id: string;
  site_id: string;
  kind: TicketKind;
  service_id: string;
  local_day: string;
  ticket_number: string;
  kiosk_id: string;
  appointment_id: string | null;
  priority: number;
  issued_at: string;
  received_at: string;
  called_seq: number | null;
}

const toTicket = (row: TicketRow): IssuedTicket => ({
  ticketId: row.ticket_id,
  siteId: row.site_id,
  kind: row.kind,
  serviceId: row.service_id,
  day: row.local_day,
  ticketNumber: row.ticket_number,
  kioskId: row.kiosk_id,
  appointmentId: row.appointment_id,
  priority: row.priority === 1,
  issuedAt: row.issued_at,
  receivedAt: row.received_at,
  calledSeq: row.called_seq,
});

export const walkInRecord = (ticket: IssuedTicket): WalkInRecord => ({
  ticketId: ticket.ticketId,
  serviceId: ticket.serviceId,
  kioskId: ticket.kioskId,
  ticketNumber: ticket.ticketNumber,
  issuedAt: ticket.issuedAt,
  ...(ticket.priority ? { priority: true } : {}),
  receivedAt: ticket.receivedAt,
});

/** The same walk-in again, field by field: a replay must match the recorded one. */
export const sameWalkIn = (ticket: IssuedTicket, request: WalkInRequest): boolean =>
  ticket.kind === 'walk-in' &&
  ticket.serviceId === request.serviceId &&
  ticket.kioskId === request.kioskId &&
  ticket.ticketNumber === request.ticketNumber &&
  ticket.issuedAt === request.issuedAt &&
  ticket.priority === (request.priority ?? false);

export class TicketsRepository {
  constructor(private readonly db: Database.Database) {}

  get(ticketId: string): IssuedTicket | undefined {
    const row = this.db.prepare(`SELECT * FROM tickets WHERE ticket_id = ?`).get(ticketId) as
      TicketRow | undefined;
    return row ? toTicket(row) : undefined;
  }

  /** The ticket that already holds this number on that day, if any. */
  holderOfNumber(
    siteId: string,
    serviceId: string,
    day: string,
    ticketNumber: string,
  ): IssuedTicket | undefined {
    const row = this.db
      .prepare(
        `SELECT * FROM tickets
         WHERE site_id = ? AND service_id = ? AND local_day = ? AND ticket_number = ?`,
      )
      .get(siteId, serviceId, day, ticketNumber) as TicketRow | undefined;
    return row ? toTicket(row) : undefined;
  }

  /** Tickets of every service of a site on a day, by service (services without any left out). */
  countsOfDay(siteId: string, day: string): { serviceId: string; count: number }[] {
    return this.db
      .prepare(
        `SELECT service_id AS serviceId, COUNT(*) AS count FROM tickets
         WHERE site_id = ? AND local_day = ? GROUP BY service_id ORDER BY service_id`,
      )
      .all(siteId, day) as { serviceId: string; count: number }[];
  }

  /** Tickets (check-ins and walk-ins) of a service on a day: what a daily cap counts. */
  countOfDay(siteId: string, serviceId: string, day: string): number {
    return (
      this.db
        .prepare(
          `SELECT COUNT(*) AS n FROM tickets WHERE site_id = ? AND service_id = ? AND local_day = ?`,
        )
        .get(siteId, serviceId, day) as { n: number }
    ).n;
  }

  insert(ticket: NewTicket): IssuedTicket {
    this.db
      .prepare(
        `INSERT INTO tickets (ticket_id, site_id, kind, service_id, local_day, ticket_number,
           kiosk_id, appointment_id, priority, issued_at, issued_at_ms, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        ticket.ticketId,
        ticket.siteId,
        ticket.kind,
        ticket.serviceId,
        ticket.day,
        ticket.ticketNumber,
        ticket.kioskId,
        ticket.appointmentId,
        ticket.priority ? 1 : 0,
        ticket.issuedAt,
        new Date(ticket.issuedAt).getTime(),
        ticket.receivedAt.toISOString(),
      );
    return this.get(ticket.ticketId) as IssuedTicket;
  }

  ofDay(day: string, siteId?: string): IssuedTicket[] {
    const rows = (
      siteId === undefined
        ? this.db
            .prepare(`SELECT * FROM tickets WHERE local_day = ? ORDER BY issued_at_ms, rowid`)
            .all(day)
        : this.db
            .prepare(
              `SELECT * FROM tickets WHERE local_day = ? AND site_id = ?
               ORDER BY issued_at_ms, rowid`,
            )
            .all(day, siteId)
    ) as TicketRow[];
    return rows.map(toTicket);
  }

  listWalkIns(): IssuedTicket[] {
    return (
      this.db
        .prepare(`SELECT * FROM tickets WHERE kind = 'walk-in' ORDER BY received_at, ticket_id`)
        .all() as TicketRow[]
    ).map(toTicket);
  }

  /**
   * Tickets of the day not called yet, in call order: appointment check-ins before walk-ins,
   * then by issue time (then arrival at the server).
   */
  waiting(siteId: string, day: string, serviceIds?: readonly string[]): IssuedTicket[] {
    const filter =
      serviceIds && serviceIds.length > 0
        ? `AND service_id IN (${serviceIds.map(() => '?').join(', ')})`
        : '';
    return (
      this.db
        .prepare(
          `SELECT * FROM tickets WHERE site_id = ? AND local_day = ? AND called_seq IS NULL
           ${filter}
           ORDER BY kind = 'walk-in', issued_at_ms, rowid`,
        )
        .all(siteId, day, ...(serviceIds ?? [])) as TicketRow[]
    ).map(toTicket);
  }

  /** Takes a ticket out of the queue: it was called as turn `seq`. */
  markCalled(ticketId: string, seq: number): void {
    this.db.prepare(`UPDATE tickets SET called_seq = ? WHERE ticket_id = ?`).run(seq, ticketId);
  }
}
