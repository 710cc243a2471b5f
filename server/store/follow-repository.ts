/**
 * What the wait estimate and the public follow page read of the queue: recent service times and
 * desks per service, and a ticket by its follow token (docs/server.md, "Estimated wait";
 * docs/follow.md). Read-only but for attaching a ticket's follow token once it is recorded.
 */
import { sql } from 'kysely';
import { allRows, firstRow, runWrite, type Connection } from './connection';

/** A ticket as its follow page may show it: number, service, state. Never who holds it. */
export interface FollowedTicket {
  ticketId: string;
  siteId: string;
  serviceId: string;
  day: string;
  ticketNumber: string;
  calledSeq: number | null;
  /** The desk it was called to (its last call), when it was called. */
  calledDesk: string | null;
  finishedAtMs: number | null;
}

interface FollowedRow {
  ticket_id: string;
  site_id: string;
  service_id: string;
  local_day: string;
  ticket_number: string;
  called_seq: number | null;
  called_desk: string | null;
  finished_at_ms: number | null;
}

export class FollowRepository {
  constructor(private readonly connection: Connection) {}

  /** Call → finish durations (ms) of the newest `limit` turns of a service that were served. */
  async recentServiceMs(siteId: string, serviceId: string, limit: number): Promise<number[]> {
    const rows = await allRows(
      this.connection,
      sql<{ ms: number }>`SELECT finished_at_ms - called_at_ms AS ms FROM tickets
        WHERE site_id = ${siteId} AND service_id = ${serviceId} AND outcome = 'served'
          AND called_at_ms IS NOT NULL AND finished_at_ms IS NOT NULL
        ORDER BY finished_at_ms DESC LIMIT ${limit}`,
    );
    return rows.map((row) => Number(row.ms));
  }

  /** Distinct desks per service that called a turn at or after `since`. */
  async recentDesks(siteId: string, since: Date): Promise<Map<string, number>> {
    const rows = await allRows(
      this.connection,
      sql<{ service_id: string; desks: number }>`SELECT service_id,
          COUNT(DISTINCT desk) AS desks FROM called_turns
        WHERE site_id = ${siteId} AND called_at >= ${since.toISOString()}
        GROUP BY service_id`,
    );
    return new Map(rows.map((row) => [row.service_id, Number(row.desks)]));
  }

  /** Gives a recorded ticket its follow token (a replay with the same token changes nothing). */
  async attachToken(ticketId: string, token: string): Promise<void> {
    await runWrite(
      this.connection,
      sql`UPDATE tickets SET follow_token = ${token} WHERE ticket_id = ${ticketId}`,
    );
  }

  /** The ticket a follow token belongs to, with the desk of its latest call. */
  async byToken(token: string): Promise<FollowedTicket | undefined> {
    const row = await firstRow(
      this.connection,
      sql<FollowedRow>`SELECT t.ticket_id, t.site_id, t.service_id, t.local_day, t.ticket_number,
          t.called_seq, t.finished_at_ms,
          (SELECT c.desk FROM called_turns c WHERE c.ticket_id = t.ticket_id
            ORDER BY c.seq DESC LIMIT 1) AS called_desk
        FROM tickets t WHERE t.follow_token = ${token}`,
    );
    if (!row) return undefined;
    return {
      ticketId: row.ticket_id,
      siteId: row.site_id,
      serviceId: row.service_id,
      day: row.local_day,
      ticketNumber: row.ticket_number,
      calledSeq: row.called_seq === null ? null : Number(row.called_seq),
      calledDesk: row.called_desk,
      finishedAtMs: row.finished_at_ms === null ? null : Number(row.finished_at_ms),
    };
  }
}
