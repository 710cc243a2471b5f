/** The turns called to desks: calling the next waiting ticket, and the turns called so far. */
import type Database from 'better-sqlite3';
import type { CalledTurn } from '../../src-shared/contract/townhall-api';
import type { TicketsRepository } from './tickets-repository';

/** A called turn with its sequence number (the SSE event id). */
export interface SequencedTurn {
  seq: number;
  turn: CalledTurn;
}

interface TurnRow {
  seq: number;
  ticket_number: string;
  service_id: string;
  desk: string;
  called_at: string;
}

const toTurn = (row: TurnRow): SequencedTurn => ({
  seq: row.seq,
  turn: {
    ticketNumber: row.ticket_number,
    desk: row.desk,
    serviceId: row.service_id,
    calledAt: row.called_at,
  },
});

export class CalledTurnsRepository {
  constructor(
    private readonly db: Database.Database,
    private readonly tickets: TicketsRepository,
  ) {}

  /** Calls the first waiting ticket to a desk, or returns null when nobody waits. */
  callNext(
    siteId: string,
    day: string,
    desk: string,
    serviceIds: readonly string[] | undefined,
    at: Date,
  ): SequencedTurn | null {
    return this.db.transaction(() => {
      const [next] = this.tickets.waiting(siteId, day, serviceIds);
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
      this.tickets.markCalled(next.ticketId, seq);
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
  recent(siteId: string, limit: number): SequencedTurn[] {
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
  after(siteId: string, afterSeq: number, limit: number): SequencedTurn[] {
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
