/**
 * Data minimisation on the kiosk (docs/data-protection.md): what is kept, and for how long.
 *
 * - Appointments (codes, ID hashes), number blocks and counters, the other kiosks' ticket counts:
 *   only from today on; earlier days are erased at the local day's rollover, online or not.
 * - Tickets (number, service, times: no personal data), their delivered outbox rows, their print
 *   failures, sync conflicts, and the statistics' own counts (refusals per reason, printer
 *   faults): `ticketDays` days, for the on-device statistics and support.
 *   A ticket whose check-in has not reached the town hall is never erased, however old: that
 *   would lose it.
 *
 * The database runs with `secure_delete`, so erased rows are overwritten in the file.
 */
import type { CatalogRepository } from './catalog-repository';
import type { SqliteDatabase } from './database';
import type { NumberRepository } from './number-repository';
import type { StatisticsRepository } from './statistics-repository';

export interface RetentionReport {
  appointments: number;
  tickets: number;
  conflicts: number;
}

export class RetentionRepository {
  private readonly purge: (
    today: string,
    ticketCutoffDay: string,
    cutoffAt: string,
  ) => RetentionReport;

  /** Past days' appointments, blocks and counters go the way the sync's pull drops them. */
  constructor(
    db: SqliteDatabase,
    pastDays: {
      catalog: Pick<CatalogRepository, 'purgeAppointmentsBefore'>;
      numbers: Pick<NumberRepository, 'purgeBefore'>;
    },
    /** The statistics' own counts, kept as long as tickets. */
    statistics?: Pick<StatisticsRepository, 'purgeBefore'>,
  ) {
    const statements = {
      // Of old tickets whose check-in was delivered (or that never had an outbox row).
      printFailures: db.prepare(`DELETE FROM print_failures WHERE ticket_id IN (
        SELECT t.id FROM tickets t LEFT JOIN outbox o ON o.ticket_id = t.id
         WHERE t.local_day < @cutoff AND (o.seq IS NULL OR o.delivered_at IS NOT NULL))`),
      outbox: db.prepare(`DELETE FROM outbox WHERE delivered_at IS NOT NULL AND ticket_id IN (
        SELECT id FROM tickets WHERE local_day < @cutoff)`),
      tickets: db.prepare(`DELETE FROM tickets WHERE local_day < @cutoff
        AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.ticket_id = tickets.id)`),
      conflicts: db.prepare(`DELETE FROM sync_conflicts WHERE at < ?`),
      // The other kiosks' tickets of past days: only today's cap needs them.
      tallies: db.prepare(`DELETE FROM service_tallies WHERE local_day < ?`),
    };
    this.purge = db.transaction((today: string, cutoff: string, cutoffAt: string) => {
      const appointments = pastDays.catalog.purgeAppointmentsBefore(today);
      pastDays.numbers.purgeBefore(today);
      statements.tallies.run(today);
      statements.printFailures.run({ cutoff });
      statements.outbox.run({ cutoff });
      const tickets = statements.tickets.run({ cutoff }).changes;
      const conflicts = statements.conflicts.run(cutoffAt).changes;
      statistics?.purgeBefore(cutoff);
      return { appointments, tickets, conflicts };
    });
  }

  /**
   * Erases what is past its retention on `today` (site-local day): appointments before today,
   * tickets before `ticketCutoffDay` (`ticketCutoffAt` is the same moment as an instant, for
   * rows stamped with one).
   */
  purgeExpired(today: string, ticketCutoffDay: string, ticketCutoffAt: string): RetentionReport {
    return this.purge(today, ticketCutoffDay, ticketCutoffAt);
  }
}
