/** The turns called to desks: calling the next waiting ticket, and the turns called so far. */
import { sql } from 'kysely';
import type { CallOrder } from '../../src-shared/contract/office';
import type { CalledTurn } from '../../src-shared/contract/townhall-api';
import { LanguageSchema, type Language } from '../../src-shared/domain/language';
import { allRows, atomically, firstRow, type Connection } from './connection';
import { TicketsRepository } from './tickets-repository';

/** A called turn with its sequence number (the SSE event id). */
export interface SequencedTurn {
  seq: number;
  turn: CalledTurn;
  /** The language of the called ticket's citizen, when the kiosk reported it (the lobby's). */
  ticketLanguage?: Language;
  /** A "call again" of a ticket called before (the lobby announces and marks it). */
  repeat?: boolean;
}

/** A turn just called, with the ticket it called. */
export interface CalledTicket extends SequencedTurn {
  ticketId: string;
}

interface TurnRow {
  seq: number;
  ticket_number: string;
  service_id: string;
  desk: string;
  called_at: string;
  language: string | null;
  repeat: number;
}

const withLanguage = (language: string | null): { ticketLanguage?: Language } => {
  const known = LanguageSchema.safeParse(language).data;
  return known ? { ticketLanguage: known } : {};
};

const toTurn = (row: TurnRow): SequencedTurn => ({
  seq: row.seq,
  turn: {
    ticketNumber: row.ticket_number,
    desk: row.desk,
    serviceId: row.service_id,
    calledAt: row.called_at,
  },
  ...withLanguage(row.language),
  ...(Number(row.repeat) === 1 ? { repeat: true } : {}),
});

/** A called turn's columns with its ticket's language (the turn's ticket is kept as long). */
const TURN_COLUMNS = sql`called_turns.seq, called_turns.ticket_number, called_turns.service_id,
  called_turns.desk, called_turns.called_at, called_turns.repeat, tickets.language`;
const TURNS_WITH_TICKETS = sql`called_turns
  LEFT JOIN tickets ON tickets.ticket_id = called_turns.ticket_id`;

export class CalledTurnsRepository {
  constructor(private readonly connection: Connection) {}

  /**
   * Calls the first waiting ticket (in the office's call order) to a desk, filling its first
   * call and desk; null when nobody waits.
   */
  async callNext(
    siteId: string,
    day: string,
    desk: string,
    serviceIds: readonly string[] | undefined,
    at: Date,
    order: CallOrder = 'appointments-first',
  ): Promise<CalledTicket | null> {
    return atomically(
      this.connection,
      async (connection) => {
        const tickets = new TicketsRepository(connection);
        const [next] = await tickets.waiting(siteId, day, serviceIds, { rule: order, now: at });
        if (!next) return null;
        const inserted = await firstRow(
          connection,
          sql<{ seq: number }>`INSERT INTO called_turns (site_id, ticket_id, ticket_number,
              service_id, desk, called_at) VALUES (${siteId}, ${next.ticketId},
              ${next.ticketNumber}, ${next.serviceId}, ${desk}, ${at.toISOString()})
            RETURNING seq`,
        );
        const seq = Number(inserted?.seq);
        await tickets.markCalled(next.ticketId, seq, desk, at);
        return {
          seq,
          ticketId: next.ticketId,
          turn: {
            ticketNumber: next.ticketNumber,
            desk,
            serviceId: next.serviceId,
            calledAt: at.toISOString(),
          },
          ...withLanguage(next.language),
        };
      },
      siteId,
    );
  }

  /** Calls a ticket called before once more, to the same desk: a turn with `repeat = 1`. */
  async repeatCall(
    siteId: string,
    ticket: { ticketId: string; ticketNumber: string; serviceId: string },
    desk: string,
    at: Date,
  ): Promise<SequencedTurn> {
    const inserted = await firstRow(
      this.connection,
      sql<{ seq: number }>`INSERT INTO called_turns (site_id, ticket_id, ticket_number,
          service_id, desk, called_at, repeat) VALUES (${siteId}, ${ticket.ticketId},
          ${ticket.ticketNumber}, ${ticket.serviceId}, ${desk}, ${at.toISOString()}, 1)
        RETURNING seq`,
    );
    const called = await firstRow(
      this.connection,
      sql<{ language: string | null }>`SELECT language FROM tickets
        WHERE ticket_id = ${ticket.ticketId}`,
    );
    return {
      seq: Number(inserted?.seq),
      turn: {
        ticketNumber: ticket.ticketNumber,
        desk,
        serviceId: ticket.serviceId,
        calledAt: at.toISOString(),
      },
      repeat: true,
      ...withLanguage(called?.language ?? null),
    };
  }

  /** How many times a ticket was called (first call and repeats). */
  async callsOf(ticketId: string): Promise<number> {
    const row = await firstRow(
      this.connection,
      sql<{ n: number }>`SELECT COUNT(*) AS n FROM called_turns WHERE ticket_id = ${ticketId}`,
    );
    return Number(row?.n ?? 0);
  }

  /** The last `limit` called turns of a site, newest first. */
  async recent(siteId: string, limit: number): Promise<SequencedTurn[]> {
    const rows = await allRows(
      this.connection,
      sql<TurnRow>`SELECT ${TURN_COLUMNS} FROM ${TURNS_WITH_TICKETS}
        WHERE called_turns.site_id = ${siteId} ORDER BY called_turns.seq DESC LIMIT ${limit}`,
    );
    return rows.map(toTurn);
  }

  /**
   * The newest `limit` called turns after a sequence (a stream resumed with Last-Event-ID),
   * oldest first: a screen that missed more than that still ends on the turn called last.
   */
  async after(siteId: string, afterSeq: number, limit: number): Promise<SequencedTurn[]> {
    const rows = await allRows(
      this.connection,
      sql<TurnRow>`SELECT * FROM (SELECT ${TURN_COLUMNS} FROM ${TURNS_WITH_TICKETS}
          WHERE called_turns.site_id = ${siteId} AND called_turns.seq > ${afterSeq}
          ORDER BY called_turns.seq DESC LIMIT ${limit}) AS missed ORDER BY seq`,
    );
    return rows.map(toTurn);
  }
}
