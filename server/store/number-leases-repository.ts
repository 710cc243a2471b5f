/**
 * Number-block leases: the counters of a service and day are handed out to kiosks in blocks that
 * never overlap, up to the site's lease ceiling.
 */
import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { NumberLease } from '../../src-shared/contract/townhall-api';
import { allRows, atomically, firstRow, runWrite, type Connection } from './connection';

export interface LeaseRequest {
  siteId: string;
  serviceId: string;
  day: string;
  kioskId: string;
  size: number;
}

/** The counter of a ticket number (the digits after the prefix's '-'; 0 without any). */
const counterOf = (connection: Connection) =>
  connection.dialect === 'sqlite'
    ? sql`CAST(substr(t.ticket_number, instr(t.ticket_number, '-') + 1) AS INTEGER)`
    : sql`COALESCE(CAST(substring(substring(t.ticket_number
        FROM strpos(t.ticket_number, '-') + 1) FROM '^[0-9]+') AS INTEGER), 0)`;

export class NumberLeasesRepository {
  constructor(private readonly connection: Connection) {}

  /**
   * The next block of counters of a service and day, right after the highest one leased so far:
   * blocks never overlap. Null when the ceiling is reached. The last block may be shorter.
   * Call inside a transaction that locked the site (`atomically`): no other lease of the site
   * can come in between the read and the write.
   */
  async lease(input: LeaseRequest, ceiling: number, at: Date): Promise<NumberLease | null> {
    return atomically(
      this.connection,
      async (connection) => {
        const row = await firstRow(
          connection,
          sql<{ top: number }>`SELECT COALESCE(MAX(last), 0) AS top FROM number_leases
            WHERE site_id = ${input.siteId} AND service_id = ${input.serviceId}
              AND day = ${input.day}`,
        );
        const first = (row?.top ?? 0) + 1;
        if (first > ceiling) return null;
        const last = Math.min(first + input.size - 1, ceiling);
        const leaseId = randomUUID();
        await runWrite(
          connection,
          sql`INSERT INTO number_leases (lease_id, site_id, service_id, day, kiosk_id, first, last,
              created_at) VALUES (${leaseId}, ${input.siteId}, ${input.serviceId}, ${input.day},
              ${input.kioskId}, ${first}, ${last}, ${at.toISOString()})`,
        );
        return { leaseId, serviceId: input.serviceId, day: input.day, first, last };
      },
      input.siteId,
    );
  }

  /**
   * How many numbers of a kiosk's leases for a service and day lie above the highest one a
   * ticket has used in them (whichever kiosk reported it; the counter is the number after the
   * prefix). A kiosk uses its blocks in order, so a block below that is spent or was given up
   * (its answer lost), and does not count.
   */
  async unusedOf(block: Omit<LeaseRequest, 'size'>): Promise<number> {
    const counter = counterOf(this.connection);
    const greatest = this.connection.dialect === 'sqlite' ? sql`MAX` : sql`GREATEST`;
    const row = await firstRow(
      this.connection,
      sql<{ unused: number }>`WITH mine AS (
           SELECT first, last FROM number_leases
           WHERE site_id = ${block.siteId} AND service_id = ${block.serviceId}
             AND day = ${block.day} AND kiosk_id = ${block.kioskId}),
         top AS (
           SELECT COALESCE(MAX(${counter}), 0) AS used FROM tickets t
           JOIN mine m ON ${counter} BETWEEN m.first AND m.last
           WHERE t.site_id = ${block.siteId} AND t.service_id = ${block.serviceId}
             AND t.local_day = ${block.day})
         SELECT COALESCE(SUM(m.last - ${greatest}(m.first - 1, top.used)), 0) AS unused
         FROM mine m, top WHERE m.last > top.used`,
    );
    return row?.unused ?? 0;
  }

  async list(siteId: string): Promise<(NumberLease & { kioskId: string })[]> {
    const rows = await allRows(
      this.connection,
      sql<{
        lease_id: string;
        service_id: string;
        day: string;
        kiosk_id: string;
        first: number;
        last: number;
      }>`SELECT lease_id, service_id, day, kiosk_id, first, last FROM number_leases
         WHERE site_id = ${siteId} ORDER BY day, service_id, first`,
    );
    return rows.map((row) => ({
      leaseId: row.lease_id,
      serviceId: row.service_id,
      day: row.day,
      kioskId: row.kiosk_id,
      first: row.first,
      last: row.last,
    }));
  }
}
