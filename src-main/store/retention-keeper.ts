/**
 * Applies the retention rules (retention-repository.ts) at start and whenever the site-local day
 * rolls over, whether or not the town hall is reachable: a kiosk offline for a week still erases
 * each past day's appointments on time.
 */
import { addDays, localDayOf, startOfLocalDay } from '../../src-shared/domain/site-time';
import { errorText } from '../logging/error-text';
import type { RetentionRepository } from './retention-repository';

export interface RetentionKeeperOptions {
  retention: Pick<RetentionRepository, 'purgeExpired'>;
  timeZone: string;
  /** Days tickets (and their delivered outbox rows, failures, conflicts) are kept. */
  ticketDays: number;
  now?: () => Date;
  /** How often the day is looked at; the purge itself runs once per day. */
  checkEveryMs?: number;
  log?: (line: string) => void;
}

export class RetentionKeeper {
  private lastDay: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly now: () => Date;
  private readonly log: (line: string) => void;

  constructor(private readonly options: RetentionKeeperOptions) {
    this.now = options.now ?? (() => new Date());
    this.log = options.log ?? (() => undefined);
  }

  /** Purges now, then at every rollover. */
  start(): void {
    this.runIfNewDay();
    this.timer = setInterval(() => this.runIfNewDay(), this.options.checkEveryMs ?? 60_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Runs the purge when the local day changed since the last run; answers whether it ran. */
  runIfNewDay(): boolean {
    const { timeZone, ticketDays } = this.options;
    const today = localDayOf(this.now(), timeZone);
    if (today === this.lastDay) return false;
    try {
      const cutoffDay = addDays(today, -ticketDays);
      const report = this.options.retention.purgeExpired(
        today,
        cutoffDay,
        startOfLocalDay(cutoffDay, timeZone).toISOString(),
      );
      this.lastDay = today;
      const erased = report.appointments + report.tickets + report.conflicts;
      if (erased > 0) {
        this.log(
          `retention: erased ${report.appointments} appointment(s) before ${today}, ` +
            `${report.tickets} ticket(s) and ${report.conflicts} conflict(s) before ${cutoffDay}`,
        );
      }
    } catch (error) {
      // Tried again at the next check: a busy database must not stop the kiosk.
      this.log(`retention: not applied: ${errorText(error)}`);
    }
    return this.lastDay === today;
  }
}
