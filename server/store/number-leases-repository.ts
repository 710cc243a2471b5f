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
