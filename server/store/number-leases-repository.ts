/**
 * Number-block leases: the counters of a service and day are handed out to kiosks in blocks that
 * never overlap, up to the site's lease ceiling.
 */
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { NumberLease } from '../../src-shared/contract/townhall-api';

export interface LeaseRequest {
  siteId: string;
  serviceId: string;
  day: string;
  kioskId: string;
  size: number;
}

export class NumberLeasesRepository {
  constructor(private readonly db: Database.Database) {}

  /**
   * The next block of counters of a service and day, right after the highest one leased so far:
   * blocks never overlap. Null when the ceiling is reached. The last block may be shorter.
   * Synchronous (better-sqlite3), so concurrent requests cannot interleave between read and write.
   */
  lease(input: LeaseRequest, ceiling: number, at: Date): NumberLease | null {
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

  /**
   * How many numbers of a kiosk's leases for a service and day lie above the highest one a
   * ticket has used in them (whichever kiosk reported it; the counter is the number after the
   * prefix). A kiosk uses its blocks in order, so a block below that is spent or was given up
   * (its answer lost), and does not count.
   */
  unusedOf(block: Omit<LeaseRequest, 'size'>): number {
    const counter = `CAST(substr(t.ticket_number, instr(t.ticket_number, '-') + 1) AS INTEGER)`;
    const row = this.db
      .prepare(
        `WITH mine AS (
           SELECT first, last FROM number_leases
           WHERE site_id = @siteId AND service_id = @serviceId AND day = @day
             AND kiosk_id = @kioskId),
         top AS (
           SELECT COALESCE(MAX(${counter}), 0) AS used FROM tickets t
           JOIN mine m ON ${counter} BETWEEN m.first AND m.last
           WHERE t.site_id = @siteId AND t.service_id = @serviceId AND t.local_day = @day)
         SELECT COALESCE(SUM(m.last - MAX(m.first - 1, top.used)), 0) AS unused
         FROM mine m, top WHERE m.last > top.used`,
      )
      .get(block) as { unused: number };
    return row.unused;
  }

  list(siteId: string): (NumberLease & { kioskId: string })[] {
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
}
