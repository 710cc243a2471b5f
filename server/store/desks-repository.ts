/**
 * The desks of the office at work: who holds which desk, serving which services, paused or not
 * (`desk_states`), and what happens to the ticket a desk called: finished (served or no-show) or
 * transferred to another service's queue.
 *
 * A transfer ends the ticket at this desk ('transferred') and records a NEW ticket in the target
 * service, with the same number, kind, kiosk and issue time (so in issue order it keeps its
 * place), `transferred_from` naming the first one; the follow page's token moves to it. The
 * citizen keeps the paper ticket: the screen calls the same number again.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { CallOrder } from '../../src-shared/contract/office';
import { allRows, atomically, firstRow, runWrite, type Connection } from './connection';

export interface DeskStateRecord {
  siteId: string;
  desk: string;
  staffId: string;
  staffName: string;
  serviceIds: string[];
  paused: boolean;
}

interface DeskRow {
  site_id: string;
  desk: string;
  staff_id: string;
  display_name: string | null;
  service_ids_json: string;
  paused: number;
}

const toDesk = (row: DeskRow): DeskStateRecord => ({
  siteId: row.site_id,
  desk: row.desk,
  staffId: row.staff_id,
  staffName: row.display_name ?? '',
  serviceIds: JSON.parse(row.service_ids_json) as string[],
  paused: Number(row.paused) === 1,
});

/** The ticket a desk called and has not finished. */
export interface OpenTicket {
  ticketId: string;
  ticketNumber: string;
  serviceId: string;
  calledAtMs: number;
}

export type TransferResult = { ok: true; ticketId: string } | { ok: false; reason: 'number-taken' };

export class DesksRepository {
  constructor(private readonly connection: Connection) {}

  async callOrder(siteId: string): Promise<CallOrder> {
    const row = await firstRow(
      this.connection,
      sql<{ call_order: CallOrder }>`SELECT call_order FROM sites WHERE id = ${siteId}`,
    );
    return row?.call_order ?? 'appointments-first';
  }

  async setCallOrder(siteId: string, order: CallOrder): Promise<void> {
    await runWrite(
      this.connection,
      sql`UPDATE sites SET call_order = ${order} WHERE id = ${siteId}`,
    );
  }

  /** The site's desks; whoever held a desk no longer listed leaves it. */
  async setDesks(siteId: string, desks: readonly string[]): Promise<void> {
    await atomically(this.connection, async (connection) => {
      await runWrite(
        connection,
        sql`UPDATE sites SET desks_json = ${JSON.stringify(desks)} WHERE id = ${siteId}`,
      );
      await runWrite(
        connection,
        sql`DELETE FROM desk_states WHERE site_id = ${siteId}
          AND desk NOT IN (${sql.join([...desks])})`,
      );
    });
  }

  async list(siteId: string): Promise<DeskStateRecord[]> {
    const rows = await allRows(
      this.connection,
      sql<DeskRow>`SELECT d.*, s.display_name FROM desk_states d
        LEFT JOIN staff_accounts s ON s.id = d.staff_id
        WHERE d.site_id = ${siteId} ORDER BY d.desk`,
    );
    return rows.map(toDesk);
  }

  async ofStaff(staffId: string): Promise<DeskStateRecord | undefined> {
    const row = await firstRow(
      this.connection,
      sql<DeskRow>`SELECT d.*, s.display_name FROM desk_states d
        LEFT JOIN staff_accounts s ON s.id = d.staff_id WHERE d.staff_id = ${staffId}`,
    );
    return row ? toDesk(row) : undefined;
  }

  /**
   * A staff member takes a desk (leaving any other): false when someone else holds it. The
   * desk's open ticket, if any, stays with the desk.
   */
  async open(
    siteId: string,
    desk: string,
    staffId: string,
    serviceIds: readonly string[],
    at: Date,
  ): Promise<boolean> {
    return atomically(this.connection, async (connection) => {
      const holder = await firstRow(
        connection,
        sql<{ staff_id: string }>`SELECT staff_id FROM desk_states
          WHERE site_id = ${siteId} AND desk = ${desk}`,
      );
      if (holder && holder.staff_id !== staffId) return false;
      await runWrite(connection, sql`DELETE FROM desk_states WHERE staff_id = ${staffId}`);
      await runWrite(
        connection,
        sql`INSERT INTO desk_states (site_id, desk, staff_id, service_ids_json, paused, since_ms)
          VALUES (${siteId}, ${desk}, ${staffId}, ${JSON.stringify(serviceIds)}, 0,
            ${at.getTime()})`,
      );
      return true;
    });
  }

  async leave(staffId: string): Promise<void> {
    await runWrite(this.connection, sql`DELETE FROM desk_states WHERE staff_id = ${staffId}`);
  }

  async setPaused(siteId: string, desk: string, paused: boolean): Promise<void> {
    await runWrite(
      this.connection,
      sql`UPDATE desk_states SET paused = ${paused ? 1 : 0}
        WHERE site_id = ${siteId} AND desk = ${desk}`,
    );
  }

  /** The ticket the desk called last and has not finished, if any. */
  async openTicket(siteId: string, desk: string, day: string): Promise<OpenTicket | undefined> {
    const row = await firstRow(
      this.connection,
      sql<{
        ticket_id: string;
        ticket_number: string;
        service_id: string;
        called_at_ms: number;
      }>`SELECT ticket_id, ticket_number, service_id, called_at_ms FROM tickets
        WHERE site_id = ${siteId} AND local_day = ${day} AND desk = ${desk}
          AND called_at_ms IS NOT NULL AND finished_at_ms IS NULL
        ORDER BY called_seq DESC LIMIT 1`,
    );
    return row
      ? {
          ticketId: row.ticket_id,
          ticketNumber: row.ticket_number,
          serviceId: row.service_id,
          calledAtMs: Number(row.called_at_ms),
        }
      : undefined;
  }

  /** Ends a ticket's visit at the desk; false when it was already finished. */
  async finish(ticketId: string, outcome: 'served' | 'no-show', at: Date): Promise<boolean> {
    const changed = await runWrite(
      this.connection,
      sql`UPDATE tickets SET finished_at_ms = ${at.getTime()}, outcome = ${outcome}
        WHERE ticket_id = ${ticketId} AND finished_at_ms IS NULL`,
    );
    return changed === 1;
  }

  /** See the module's comment. Call inside the site's transaction. */
  async transfer(ticketId: string, targetServiceId: string, at: Date): Promise<TransferResult> {
    const source = await firstRow(
      this.connection,
      sql<{
        site_id: string;
        local_day: string;
        ticket_number: string;
        follow_token: string | null;
      }>`SELECT site_id, local_day, ticket_number, follow_token FROM tickets
        WHERE ticket_id = ${ticketId}`,
    );
    if (!source) throw new Error(`ticket ${ticketId} is not known`);
    const taken = await firstRow(
      this.connection,
      sql<{ ticket_id: string }>`SELECT ticket_id FROM tickets WHERE site_id = ${source.site_id}
        AND service_id = ${targetServiceId} AND local_day = ${source.local_day}
        AND ticket_number = ${source.ticket_number}`,
    );
    if (taken) return { ok: false, reason: 'number-taken' };
    const newId = randomUUID();
    await runWrite(
      this.connection,
      sql`UPDATE tickets SET finished_at_ms = ${at.getTime()}, outcome = 'transferred',
          follow_token = NULL WHERE ticket_id = ${ticketId}`,
    );
    await runWrite(
      this.connection,
      sql`INSERT INTO tickets (ticket_id, site_id, kind, service_id, local_day, ticket_number,
          kiosk_id, appointment_id, priority, issued_at, issued_at_ms, received_at, arrival,
          follow_token, transferred_from)
        SELECT ${newId}, site_id, kind, ${targetServiceId}, local_day, ticket_number, kiosk_id,
          appointment_id, priority, issued_at, issued_at_ms, ${at.toISOString()},
          (SELECT COALESCE(MAX(arrival), 0) + 1 FROM tickets WHERE site_id = ${source.site_id}),
          ${source.follow_token}, ${ticketId}
        FROM tickets WHERE ticket_id = ${ticketId}`,
    );
    return { ok: true, ticketId: newId };
  }

  /** Tickets waiting that came by transfer (the desk app marks them). */
  async transferredWaiting(siteId: string, day: string): Promise<Set<string>> {
    const rows = await allRows(
      this.connection,
      sql<{ ticket_id: string }>`SELECT ticket_id FROM tickets WHERE site_id = ${siteId}
        AND local_day = ${day} AND called_seq IS NULL AND transferred_from IS NOT NULL`,
    );
    return new Set(rows.map((row) => row.ticket_id));
  }
}
