/**
 * Where ticket counters come from (docs/sync.md, "Ticket numbers"). With a town hall that leases
 * numbers, counters 1..leaseCeiling of a service's day are shared out in blocks by the server, and
 * each kiosk hands out only counters of the blocks it holds; above the ceiling each kiosk has its
 * own reserved range (its configuration), used only when it holds no lease. With a town hall
 * that leases nothing, the kiosk counts 1..999 itself (one kiosk per site).
 *
 * Every allocation runs inside the caller's transaction (the ticket insert's), so a check-in that
 * fails after allocating gives its counter back.
 */
import type { NumberLease } from '../../src-shared/contract/townhall-api';
import { MAX_DAILY_COUNTER } from '../../src-shared/domain/ticket-number';
import type { SqliteDatabase } from './database';

export interface ReservedRange {
  first: number;
  last: number;
}

export interface NumberingPolicy {
  /** The site's lease ceiling; null when the town hall leases no numbers (local counting). */
  leaseCeiling: number | null;
  /** This kiosk's own range above the ceiling (config `numbering.reservedRange`). */
  reserved: ReservedRange | null;
}

export type NumberSource = 'local' | 'lease' | 'reserved';

export interface AllocatedCounter {
  counter: number;
  source: NumberSource;
}

export interface LeaseStock {
  /** Counters still free in this kiosk's leases of the day. */
  remaining: number;
  /** Size of the newest lease of the day (0 when there is none). */
  lastBlockSize: number;
}

export interface NumberBlockRecord {
  localDay: string;
  serviceId: string;
  source: 'lease' | 'reserved';
  leaseId: string | null;
  first: number;
  last: number;
  next: number;
}

export const LOCAL_NUMBERING: NumberingPolicy = { leaseCeiling: null, reserved: null };

export class DailyLimitReachedError extends Error {
  constructor(readonly serviceId: string) {
    super(`No ticket number left today for service ${serviceId}`);
  }
}

/** Lease mode, no lease left, and the caller asked not to fall back to the reserved range yet. */
export class NoLeaseError extends Error {
  constructor(
    readonly serviceId: string,
    readonly localDay: string,
  ) {
    super(`No leased number left for ${serviceId} on ${localDay}`);
  }
}

/** The part of the reserved range that lies above the ceiling (the rest could collide). */
export function usableReservedRange(policy: NumberingPolicy): ReservedRange | null {
  if (!policy.reserved) return null;
  const first = Math.max(policy.reserved.first, (policy.leaseCeiling ?? 0) + 1);
  const last = Math.min(policy.reserved.last, MAX_DAILY_COUNTER);
  return first <= last ? { first, last } : null;
}

interface BlockRow {
  id: number;
  local_day: string;
  service_id: string;
  source: 'lease' | 'reserved';
  lease_id: string | null;
  first_counter: number;
  last_counter: number;
  next_counter: number;
}

function prepareStatements(db: SqliteDatabase) {
  return {
    nextLocal: db.prepare(
      `INSERT INTO ticket_counters (local_day, service_id, last_counter) VALUES (?, ?, 1)
       ON CONFLICT (local_day, service_id) DO UPDATE SET last_counter = last_counter + 1
       RETURNING last_counter`,
    ),
    openBlock: db.prepare(
      `SELECT * FROM number_blocks WHERE local_day = ? AND service_id = ? AND source = ?
         AND next_counter <= last_counter ORDER BY id LIMIT 1`,
    ),
    anyReserved: db.prepare(
      `SELECT * FROM number_blocks WHERE local_day = ? AND service_id = ? AND source = 'reserved'
       ORDER BY id DESC LIMIT 1`,
    ),
    skipTo: db.prepare(
      `UPDATE number_blocks SET next_counter = max(next_counter, ?) WHERE id = ?
       RETURNING next_counter`,
    ),
    take: db.prepare(
      `UPDATE number_blocks SET next_counter = next_counter + 1 WHERE id = ?
       RETURNING next_counter - 1 AS counter`,
    ),
    insertBlock: db.prepare(
      `INSERT INTO number_blocks (local_day, service_id, source, lease_id, first_counter,
         last_counter, next_counter, obtained_at)
       VALUES (@day, @serviceId, @source, @leaseId, @first, @last, @first, @now)
       ON CONFLICT DO NOTHING`,
    ),
    overlapping: db.prepare(
      `SELECT count(*) AS n FROM number_blocks WHERE local_day = ? AND service_id = ?
         AND first_counter <= ? AND last_counter >= ?`,
    ),
    stock: db.prepare(
      `SELECT coalesce(sum(CASE WHEN next_counter <= last_counter
           THEN last_counter - next_counter + 1 ELSE 0 END), 0) AS remaining,
         coalesce((SELECT last_counter - first_counter + 1 FROM number_blocks
           WHERE local_day = @day AND service_id = @serviceId AND source = 'lease'
           ORDER BY id DESC LIMIT 1), 0) AS lastBlockSize
       FROM number_blocks WHERE local_day = @day AND service_id = @serviceId AND source = 'lease'`,
    ),
    blocksOfDay: db.prepare(`SELECT * FROM number_blocks WHERE local_day = ? ORDER BY id`),
    purgeBlocks: db.prepare(`DELETE FROM number_blocks WHERE local_day < ?`),
    purgeCounters: db.prepare(`DELETE FROM ticket_counters WHERE local_day < ?`),
  };
}

export class NumberRepository {
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(private readonly db: SqliteDatabase) {
    this.statements = prepareStatements(db);
  }

  /**
   * The next counter of (service, day) under `policy`: local counting, or the oldest open lease,
   * then (unless `allowReserved` is false) the reserved range. Throws DailyLimitReachedError when
   * nothing is left, NoLeaseError when only the reserved range is left and it was not allowed.
   */
  allocate(
    localDay: string,
    serviceId: string,
    policy: NumberingPolicy,
    allowReserved = true,
  ): AllocatedCounter {
    if (!this.db.inTransaction) throw new Error('numbers are allocated inside a transaction');
    if (policy.leaseCeiling === null) {
      const { last_counter: counter } = this.statements.nextLocal.get(localDay, serviceId) as {
        last_counter: number;
      };
      if (counter > MAX_DAILY_COUNTER) throw new DailyLimitReachedError(serviceId);
      return { counter, source: 'local' };
    }
    const lease = this.statements.openBlock.get(localDay, serviceId, 'lease') as
      BlockRow | undefined;
    if (lease) return { counter: this.take(lease.id), source: 'lease' };
    // Ask for a lease before anything else: a reserved range may be missing or misconfigured.
    if (!allowReserved) throw new NoLeaseError(serviceId, localDay);
    const range = usableReservedRange(policy);
    if (!range) throw new DailyLimitReachedError(serviceId);
    let reserved = this.statements.anyReserved.get(localDay, serviceId) as BlockRow | undefined;
    if (!reserved) {
      this.statements.insertBlock.run({
        day: localDay,
        serviceId,
        source: 'reserved',
        leaseId: null,
        first: range.first,
        last: range.last,
        now: new Date().toISOString(),
      });
      reserved = this.statements.anyReserved.get(localDay, serviceId) as BlockRow;
    }
    // The town hall may have raised its lease ceiling since the block was set aside: counters
    // at or below it may be leased to another kiosk now.
    const floor = (policy.leaseCeiling ?? 0) + 1;
    const { next_counter: next } = this.statements.skipTo.get(floor, reserved.id) as {
      next_counter: number;
    };
    if (next > reserved.last_counter) throw new DailyLimitReachedError(serviceId);
    return { counter: this.take(reserved.id), source: 'reserved' };
  }

  private take(blockId: number): number {
    return (this.statements.take.get(blockId) as { counter: number }).counter;
  }

  /**
   * Keeps a lease the town hall granted. Refused (false) when it is not within 1..ceiling or
   * overlaps a block this kiosk already holds: numbers from it could collide.
   */
  addLease(lease: NumberLease, leaseCeiling: number, now: Date): boolean {
    if (lease.first > lease.last || lease.first < 1 || lease.last > leaseCeiling) return false;
    const { n } = this.statements.overlapping.get(
      lease.day,
      lease.serviceId,
      lease.last,
      lease.first,
    ) as { n: number };
    if (n > 0) return false;
    return (
      this.statements.insertBlock.run({
        day: lease.day,
        serviceId: lease.serviceId,
        source: 'lease',
        leaseId: lease.leaseId,
        first: lease.first,
        last: lease.last,
        now: now.toISOString(),
      }).changes === 1
    );
  }

  leaseStock(localDay: string, serviceId: string): LeaseStock {
    return this.statements.stock.get({ day: localDay, serviceId }) as LeaseStock;
  }

  blocksOfDay(localDay: string): NumberBlockRecord[] {
    return (this.statements.blocksOfDay.all(localDay) as BlockRow[]).map((row) => ({
      localDay: row.local_day,
      serviceId: row.service_id,
      source: row.source,
      leaseId: row.lease_id,
      first: row.first_counter,
      last: row.last_counter,
      next: row.next_counter,
    }));
  }

  /** Drops blocks and counters of days that are over. */
  purgeBefore(localDay: string): number {
    return (
      this.statements.purgeBlocks.run(localDay).changes +
      this.statements.purgeCounters.run(localDay).changes
    );
  }
}
