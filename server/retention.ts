/**
 * The server's retention: what a site recorded on a site-local day is erased once that day is
 * more than `retentionDays` days old. The job runs at start and then checks every
 * `intervalMs` whether a site's local day has changed (by the server's clock, which tests
 * inject), erasing at each local midnight. A clock put back or forward just changes which day
 * is "today". At the same time it purges the personal data of bookings past the site's booking
 * policy (booking/booking-purge.ts).
 */
import { addDays, localDayOf, startOfLocalDay } from '../src-shared/domain/site-time';
import { purgeBookings } from './booking/booking-purge';
import type { ServerStore } from './store/store';

export const DEFAULT_RETENTION_DAYS = 31;
export const DEFAULT_RETENTION_CHECK_MS = 60_000;

/** The first site-local day still kept when `today` is today. */
export const firstKeptDay = (today: string, retentionDays: number): string =>
  addDays(today, -retentionDays);

export interface RetentionJobOptions {
  store: ServerStore;
  retentionDays: number;
  now: () => Date;
  log: (line: string) => void;
  intervalMs?: number;
}

export class RetentionJob {
  /** Per site, the local day the job last erased on. */
  private readonly erasedOn = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly options: RetentionJobOptions) {
    if (!Number.isInteger(options.retentionDays) || options.retentionDays < 1) {
      throw new Error(`retentionDays must be a whole number of days ≥ 1: ${options.retentionDays}`);
    }
  }

  /** Erases what is due now, then keeps checking for a new local day. */
  async start(): Promise<void> {
    await this.eraseDue();
    this.timer = setInterval(() => {
      // One run at a time: a slow database must not stack them up.
      if (this.running) return;
      this.running = this.eraseDue()
        .catch((error: unknown) => {
          this.options.log(`townhall-api: retention failed: ${String(error)}`);
        })
        .finally(() => {
          this.running = undefined;
        });
    }, this.options.intervalMs ?? DEFAULT_RETENTION_CHECK_MS);
    this.timer.unref();
  }

  /** Stops checking; waits for a run under way, so the store can close after it. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** For each site whose local day changed since the last run: erases the days now too old. */
  private async eraseDue(): Promise<void> {
    const { store, retentionDays, now, log } = this.options;
    for (const siteId of await store.sites.listSiteIds()) {
      const timeZone = await store.sites.timeZoneOf(siteId);
      const today = localDayOf(now(), timeZone);
      if (this.erasedOn.get(siteId) === today) continue;
      const keptFrom = firstKeptDay(today, retentionDays);
      const erased = await store.retention.eraseBefore(
        siteId,
        keptFrom,
        startOfLocalDay(keptFrom, timeZone),
      );
      const purged = await purgeBookings(store, siteId, today);
      this.erasedOn.set(siteId, today);
      if (purged > 0)
        log(`townhall-api: ${siteId}: purged the personal data of ${purged} bookings`);
      const total = Object.values(erased).reduce((sum, count) => sum + count, 0);
      if (total > 0) {
        const detail = Object.entries(erased)
          .filter(([, count]) => count > 0)
          .map(([table, count]) => `${count} ${table}`)
          .join(', ');
        log(`townhall-api: ${siteId}: erased days before ${keptFrom} (retention): ${detail}`);
      }
    }
  }
}
