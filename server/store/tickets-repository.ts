/**
 * Every issued ticket (appointment check-ins and walk-ins) as one queue per site and day.
 *
 * The `tickets` table is also the proof that no number is issued twice: it has one row per
 * ticket and a UNIQUE (site, service, day, number) constraint.
 */
import { sql } from 'kysely';
import type { CallOrder } from '../../src-shared/contract/office';
import type { WalkInRecord, WalkInRequest } from '../../src-shared/contract/townhall-api';
import { LanguageSchema, type Language } from '../../src-shared/domain/language';
import { allRows, firstRow, runWrite, type Connection } from './connection';

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
  /** The citizen's language at the kiosk; null when the kiosk did not report it. */
  language: Language | null;
  issuedAt: string;
  receivedAt: string;
  calledSeq: number | null;
}

/** A ticket as it is recorded: what the server will know of it, before it is called. */
export type NewTicket = Omit<IssuedTicket, 'receivedAt' | 'calledSeq' | 'language'> & {
  receivedAt: Date;
  /** Absent: not reported (an older kiosk). */
  language?: Language | null;
};

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
  language: string | null;
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
  language: LanguageSchema.safeParse(row.language).data ?? null,
  issuedAt: row.issued_at,
  receivedAt: row.received_at,
  calledSeq: row.called_seq,
});

/**
 * How the queue is ordered: the office's rule and, for 'appointments-first', the instant that
 * decides whose appointment time has come (without it every check-in counts as due).
 */
export interface WaitingOrder {
  rule: CallOrder;
  now?: Date;
}

/**
 * ORDER BY of `waiting` over `tickets t LEFT JOIN appointments a`. A priority walk-in (older
 * people, pregnancy, disability) goes before every other walk-in under either rule, but never
 * before an appointment whose time has come: that citizen was promised the time.
 */
function callOrderSql({ rule, now }: WaitingOrder) {
  if (rule === 'issue-order') {
    return sql`CASE WHEN t.priority = 1 THEN 0 ELSE 1 END, t.issued_at_ms, t.arrival`;
  }
  const due =
    now === undefined
      ? sql`t.kind = 'appointment'`
      : sql`t.kind = 'appointment' AND (a.starts_at IS NULL OR a.starts_at <= ${now.toISOString()})`;
  return sql`CASE WHEN ${due} THEN 0 WHEN t.priority = 1 THEN 1 ELSE 2 END, t.issued_at_ms, t.arrival`;
}

export const walkInRecord = (ticket: IssuedTicket): WalkInRecord => ({
  ticketId: ticket.ticketId,
  serviceId: ticket.serviceId,
  kioskId: ticket.kioskId,
  ticketNumber: ticket.ticketNumber,
  issuedAt: ticket.issuedAt,
  ...(ticket.priority ? { priority: true } : {}),
  ...(ticket.language ? { language: ticket.language } : {}),
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
  constructor(private readonly connection: Connection) {}

  async get(ticketId: string): Promise<IssuedTicket | undefined> {
    const row = await firstRow(
      this.connection,
      sql<TicketRow>`SELECT * FROM tickets WHERE ticket_id = ${ticketId}`,
    );
    return row ? toTicket(row) : undefined;
  }

  /** The ticket that already holds this number on that day, if any. */
  async holderOfNumber(
    siteId: string,
    serviceId: string,
    day: string,
    ticketNumber: string,
  ): Promise<IssuedTicket | undefined> {
    const row = await firstRow(
      this.connection,
      sql<TicketRow>`SELECT * FROM tickets
        WHERE site_id = ${siteId} AND service_id = ${serviceId} AND local_day = ${day}
          AND ticket_number = ${ticketNumber}`,
    );
    return row ? toTicket(row) : undefined;
  }

  /** Tickets of every service of a site on a day, by service (services without any left out). */
  async countsOfDay(siteId: string, day: string): Promise<{ serviceId: string; count: number }[]> {
    return allRows(
      this.connection,
      sql<{ serviceId: string; count: number }>`SELECT service_id AS "serviceId",
          COUNT(*) AS count FROM tickets
        WHERE site_id = ${siteId} AND local_day = ${day} GROUP BY service_id ORDER BY service_id`,
    );
  }

  /** Tickets (check-ins and walk-ins) of a service on a day: what a daily cap counts. */
  async countOfDay(siteId: string, serviceId: string, day: string): Promise<number> {
    const row = await firstRow(
      this.connection,
      sql<{ n: number }>`SELECT COUNT(*) AS n FROM tickets
        WHERE site_id = ${siteId} AND service_id = ${serviceId} AND local_day = ${day}`,
    );
    return row?.n ?? 0;
  }

  /**
   * Records a ticket, numbered after the site's others in arrival order (ties of issue time in
   * the queue go by it). Call inside the site's transaction (store.transaction with its site).
   */
  async insert(ticket: NewTicket): Promise<IssuedTicket> {
    await runWrite(
      this.connection,
      sql`INSERT INTO tickets (ticket_id, site_id, kind, service_id, local_day, ticket_number,
          kiosk_id, appointment_id, priority, language, issued_at, issued_at_ms, received_at,
          arrival)
        VALUES (${ticket.ticketId}, ${ticket.siteId}, ${ticket.kind}, ${ticket.serviceId},
          ${ticket.day}, ${ticket.ticketNumber}, ${ticket.kioskId}, ${ticket.appointmentId},
          ${ticket.priority ? 1 : 0}, ${ticket.language ?? null}, ${ticket.issuedAt}, ${new Date(ticket.issuedAt).getTime()},
          ${ticket.receivedAt.toISOString()},
          (SELECT COALESCE(MAX(arrival), 0) + 1 FROM tickets WHERE site_id = ${ticket.siteId}))`,
    );
    return (await this.get(ticket.ticketId)) as IssuedTicket;
  }

  async ofDay(day: string, siteId?: string): Promise<IssuedTicket[]> {
    const site = siteId === undefined ? sql`` : sql`AND site_id = ${siteId}`;
    const rows = await allRows(
      this.connection,
      sql<TicketRow>`SELECT * FROM tickets WHERE local_day = ${day} ${site}
        ORDER BY issued_at_ms, arrival`,
    );
    return rows.map(toTicket);
  }

  async listWalkIns(): Promise<IssuedTicket[]> {
    const rows = await allRows(
      this.connection,
      sql<TicketRow>`SELECT * FROM tickets WHERE kind = 'walk-in'
        ORDER BY received_at, ticket_id`,
    );
    return rows.map(toTicket);
  }

  /**
   * Tickets of the day not called yet, in call order (`callOrderSql`): by default due appointment
   * check-ins, then priority walk-ins, then the rest by issue time (then arrival at the server).
   */
  async waiting(
    siteId: string,
    day: string,
    serviceIds?: readonly string[],
    order: WaitingOrder = { rule: 'appointments-first' },
  ): Promise<IssuedTicket[]> {
    const filter =
      serviceIds && serviceIds.length > 0
        ? sql`AND t.service_id IN (${sql.join(serviceIds)})`
        : sql``;
    const rows = await allRows(
      this.connection,
      sql<TicketRow>`SELECT t.* FROM tickets t
        LEFT JOIN appointments a ON a.id = t.appointment_id
        WHERE t.site_id = ${siteId} AND t.local_day = ${day} AND t.called_seq IS NULL ${filter}
        ORDER BY ${callOrderSql(order)}`,
    );
    return rows.map(toTicket);
  }

  /** Takes a ticket out of the queue: it was called as turn `seq` to `desk` (its first call). */
  async markCalled(ticketId: string, seq: number, desk: string, at: Date): Promise<void> {
    await runWrite(
      this.connection,
      sql`UPDATE tickets SET called_seq = ${seq}, called_at_ms = COALESCE(called_at_ms, ${at.getTime()}),
          desk = COALESCE(desk, ${desk})
        WHERE ticket_id = ${ticketId}`,
    );
  }
}
