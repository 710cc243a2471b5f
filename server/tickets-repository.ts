/**
 * Tickets on the reference server: the number-block leases, every issued ticket (appointment
 * check-ins and walk-ins) as one queue per site and day, and the turns called to desks.
 *
 * The `tickets` table is also the proof that no number is issued twice: it has one row per
 * ticket and a UNIQUE (site, service, day, number) constraint.
 */
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type {
  CalledTurn,
  NumberLease,
  WalkInRecord,
  WalkInRequest,
} from '../src-shared/contract/townhall-api';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS number_leases (
    lease_id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL,
    service_id TEXT NOT NULL,
    day TEXT NOT NULL,
    kiosk_id TEXT NOT NULL,
    first INTEGER NOT NULL,
    last INTEGER NOT NULL,
    created_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX IF NOT EXISTS number_leases_by_day ON number_leases (site_id, service_id, day, last);
  CREATE TABLE IF NOT EXISTS tickets (
    ticket_id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('appointment', 'walk-in')),
    service_id TEXT NOT NULL,
    local_day TEXT NOT NULL,
    ticket_number TEXT NOT NULL,
    kiosk_id TEXT NOT NULL,
    appointment_id TEXT,
    issued_at TEXT NOT NULL,
    issued_at_ms INTEGER NOT NULL,
    received_at TEXT NOT NULL,
    called_seq INTEGER,
    UNIQUE (site_id, service_id, local_day, ticket_number)
  ) STRICT;
  CREATE INDEX IF NOT EXISTS tickets_waiting ON tickets (site_id, local_day, called_seq);
  CREATE TABLE IF NOT EXISTS called_turns (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    site_id TEXT NOT NULL,
    ticket_id TEXT NOT NULL,
    ticket_number TEXT NOT NULL,
    service_id TEXT NOT NULL,
    desk TEXT NOT NULL,
    called_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX IF NOT EXISTS called_turns_by_site ON called_turns (site_id, seq);
`;

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
  issuedAt: string;
  receivedAt: string;
  calledSeq: number | null;
}

/** A called turn with its sequence number (the SSE event id). */
export interface SequencedTurn {
  seq: number;
  turn: CalledTurn;
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
  issued_at: string;
  received_at: string;
  called_seq: number | null;
}

interface TurnRow {
  seq: number;
  ticket_number: string;
  service_id: string;
  desk: string;
  called_at: string;
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
  issuedAt: row.issued_at,
  receivedAt: row.received_at,
  calledSeq: row.called_seq,
});

const toTurn = (row: TurnRow): SequencedTurn => ({
  seq: row.seq,
  turn: {
    ticketNumber: row.ticket_number,
    desk: row.desk,
    serviceId: row.service_id,
    calledAt: row.called_at,
  },
});

export const walkInRecord = (ticket: IssuedTicket): WalkInRecord => ({
  ticketId: ticket.ticketId,
  serviceId: ticket.serviceId,
  kioskId: ticket.kioskId,
  ticketNumber: ticket.ticketNumber,
  issuedAt: ticket.issuedAt,
  receivedAt: ticket.receivedAt,
});

/** The same walk-in again, field by field: a replay must match the recorded one. */
export const sameWalkIn = (ticket: IssuedTicket, request: WalkInRequest): boolean =>
  ticket.kind === 'walk-in' &&
  ticket.serviceId === request.serviceId &&
  ticket.kioskId === request.kioskId &&
  ticket.ticketNumber === request.ticketNumber &&
  ticket.issuedAt === request.issuedAt;

export class TicketsRepository {
  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
  }

  /**
   * The next block of counters of a service and day, right after the highest one leased so far:
   * blocks never overlap. Null when the ceiling is reached. The last block may be shorter.
   * Synchronous (better-sqlite3), so concurrent requests cannot interleave between read and write.
   */
  lease(
    input: { siteId: string; serviceId: string; day: string; kioskId: string; size: number },
    ceiling: number,
    at: Date,
  ): NumberLease | null {
    return this.db.transaction(() => {
      const { top } = this.db
        .prepare(
          `SELECT COALESCE(MAX(last), 0) AS top FROM number_leases
           WHERE site_id = ? AND service_id = ? AND day = ?`,
        )
        .get(input.siteId, input.serviceId, input.day) as { top: number };
      const first = top + 1;
      if (first > ceiling) return null;
      const last = Math.min(first + input.size - 1, ceiling);
      const leaseId = randomUUID();
      this.db
        .prepare(
          `INSERT INTO number_leases (lease_id, site_id, service_id, day, kiosk_id, first, last,
             created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          leaseId,
          input.siteId,
          input.serviceId,
          input.day,
          input.kioskId,
          first,
          last,
          at.toISOString(),
        );
      return { leaseId, serviceId: input.serviceId, day: input.day, first, last };
    })();
  }

  listLeases(siteId: string): (NumberLease & { kioskId: string })[] {
    return (
      this.db
        .prepare(
          `SELECT lease_id, service_id, day, kiosk_id, first, last FROM number_leases
           WHERE site_id = ? ORDER BY day, service_id, first`,
        )
        .all(siteId) as {
        lease_id: string;
        service_id: string;
        day: string;
        kiosk_id: string;
        first: number;
        last: number;
      }[]
    ).map((row) => ({
      leaseId: row.lease_id,
      serviceId: row.service_id,
      day: row.day,
      kioskId: row.kiosk_id,
      first: row.first,
      last: row.last,
    }));
  }

  getTicket(ticketId: string): IssuedTicket | undefined {
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

  insertTicket(ticket: NewTicket): IssuedTicket {
    this.db
      .prepare(
        `INSERT INTO tickets (ticket_id, site_id, kind, service_id, local_day, ticket_number,
           kiosk_id, appointment_id, issued_at, issued_at_ms, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
        ticket.issuedAt,
        new Date(ticket.issuedAt).getTime(),
        ticket.receivedAt.toISOString(),
      );
    return this.getTicket(ticket.ticketId) as IssuedTicket;
  }

  ticketsOfDay(day: string, siteId?: string): IssuedTicket[] {
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

  /** Calls the first waiting ticket to a desk, or returns null when nobody waits. */
  callNext(
    siteId: string,
    day: string,
    desk: string,
    serviceIds: readonly string[] | undefined,
    at: Date,
  ): SequencedTurn | null {
    return this.db.transaction(() => {
      const [next] = this.waiting(siteId, day, serviceIds);
      if (!next) return null;
      const seq = Number(
        this.db
          .prepare(
            `INSERT INTO called_turns (site_id, ticket_id, ticket_number, service_id, desk,
               called_at) VALUES (?, ?, ?, ?, ?, ?)`,
          )
          .run(siteId, next.ticketId, next.ticketNumber, next.serviceId, desk, at.toISOString())
          .lastInsertRowid,
      );
      this.db
        .prepare(`UPDATE tickets SET called_seq = ? WHERE ticket_id = ?`)
        .run(seq, next.ticketId);
      return {
        seq,
        turn: {
          ticketNumber: next.ticketNumber,
          desk,
          serviceId: next.serviceId,
          calledAt: at.toISOString(),
        },
      };
    })();
  }

  /** The last `limit` called turns of a site, newest first. */
  recentTurns(siteId: string, limit: number): SequencedTurn[] {
    return (
      this.db
        .prepare(
          `SELECT seq, ticket_number, service_id, desk, called_at FROM called_turns
           WHERE site_id = ? ORDER BY seq DESC LIMIT ?`,
        )
        .all(siteId, limit) as TurnRow[]
    ).map(toTurn);
  }

  /**
   * The newest `limit` called turns after a sequence (a stream resumed with Last-Event-ID),
   * oldest first: a screen that missed more than that still ends on the turn called last.
   */
  turnsAfter(siteId: string, afterSeq: number, limit: number): SequencedTurn[] {
    return (
      this.db
        .prepare(
          `SELECT * FROM (SELECT seq, ticket_number, service_id, desk, called_at FROM called_turns
             WHERE site_id = ? AND seq > ? ORDER BY seq DESC LIMIT ?) ORDER BY seq`,
        )
        .all(siteId, afterSeq, limit) as TurnRow[]
    ).map(toTurn);
  }
}
