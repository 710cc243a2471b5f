/**
 * Keeps this kiosk's blocks of ticket numbers (leases) topped up for today's services, and gets
 * one at once, within a deadline, for a check-in that found its lease spent. Only where the town
 * hall shares numbers out (its site info says how) and the back end can lease; a refusal for good
 * is remembered per (service, day) and not asked again.
 */
import { localDayOf } from '../../src-shared/domain/site-time';
import type { Backend } from '../backend/backend';
import { BackendError } from '../backend/backend-error';
import type { Store } from '../store/store';
import { Backoff, type BackoffPolicy } from './backoff';
import type { RequestTrack } from './connectivity';
import type { SyncReport } from './sync-report';

export interface LeaseKeeperOptions {
  client: Pick<Backend, 'leaseNumbers'>;
  store: Pick<Store, 'catalog' | 'numbers' | 'transaction'>;
  /** Leases are this kiosk's: none without its id. */
  kioskId: string | undefined;
  timeZone: string;
  /** A lease is topped up when fewer than this share of a block remains. */
  topUpRatio: number;
  now: () => Date;
  log: (line: string) => void;
  record: (track: RequestTrack, error?: unknown) => void;
  backoff: BackoffPolicy;
  random: () => number;
  /** Something worth telling in the status may have changed (after `ensureLease`). */
  changed: () => void;
}

export function createLeaseKeeper(options: LeaseKeeperOptions) {
  const { client, store, kioskId, now, log, record } = options;
  const backoff = new Backoff(options.backoff, () => now().getTime(), options.random);
  const refused = new Set<string>();
  const inFlight = new Map<string, Promise<boolean>>();

  async function leaseOne(serviceId: string, day: string): Promise<boolean> {
    const numbering = store.catalog.getNumbering();
    if (!numbering || !kioskId || !client.leaseNumbers) return false;
    try {
      const lease = await client.leaseNumbers({ kioskId, serviceId, day });
      record('lease');
      backoff.succeeded();
      const kept = store.transaction(() =>
        store.numbers.addLease(lease, numbering.leaseCeiling, now()),
      );
      if (!kept) {
        log(
          `sync: lease ${lease.leaseId} (${lease.first}–${lease.last}) for ${serviceId} refused: ` +
            `outside 1–${numbering.leaseCeiling} or overlapping a block already held`,
        );
      }
      return kept;
    } catch (error) {
      record('lease', error);
      if (error instanceof BackendError && error.permanent) {
        const key = `${serviceId}/${day}`;
        if (!refused.has(key)) {
          refused.add(key);
          log(`sync: no number lease for ${serviceId} on ${day}: ${error.message}`);
        }
        return false;
      }
      backoff.failed();
      throw error;
    }
  }

  return {
    /** True unless a failed lease request is waiting out its backoff. */
    ready: (): boolean => backoff.ready(),

    /** Leases for today's services whose stock is low; stops at the first unanswered request. */
    async topUp(report: SyncReport): Promise<void> {
      const numbering = store.catalog.getNumbering();
      if (!numbering || !kioskId || !client.leaseNumbers) return;
      const day = localDayOf(now(), options.timeZone);
      for (const service of store.catalog.listServices()) {
        if (refused.has(`${service.id}/${day}`)) continue;
        const stock = store.numbers.leaseStock(day, service.id);
        const blockSize = Math.max(numbering.defaultBlockSize, stock.lastBlockSize);
        if (stock.remaining >= Math.max(1, Math.ceil(blockSize * options.topUpRatio))) continue;
        if (await leaseOne(service.id, day)) report.leases += 1;
      }
    },

    /**
     * Tries to lease numbers for (service, day) now, within `deadlineMs`; false when the town
     * hall is known to be out of reach (a lease failed recently) or does not answer in time.
     */
    async ensureLease(serviceId: string, day: string, deadlineMs = 1500): Promise<boolean> {
      if (!backoff.ready() || !store.catalog.getNumbering() || !kioskId) return false;
      const key = `${serviceId}/${day}`;
      if (refused.has(key)) return false;
      let pending = inFlight.get(key);
      if (!pending) {
        pending = leaseOne(serviceId, day)
          .catch(() => false)
          .finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), deadlineMs);
      });
      try {
        return await Promise.race([pending, deadline]);
      } finally {
        clearTimeout(timer);
        options.changed();
      }
    },

    /** Waits for lease requests still in flight (at stop). */
    async settle(): Promise<void> {
      await Promise.allSettled([...inFlight.values()]);
    },
  };
}

export type LeaseKeeper = ReturnType<typeof createLeaseKeeper>;
