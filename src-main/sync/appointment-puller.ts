/**
 * Brings the cache up to date from the town hall: the site and its services, then the
 * appointments window (today and the next days, site-local) as a delta from the stored cursor,
 * page by page, each page landing with the cursor after it. A new day drops the cursor and the
 * days that are over; a cursor the town hall no longer knows is dropped once and the window
 * pulled whole. A whole pull the back end calls `complete` also tells what the window no longer
 * holds: those bookings are marked cancelled with its last page.
 */
import { Emitter } from '../../src-shared/common/emitter';
import type { AppointmentsPage } from '../../src-shared/contract/townhall-api';
import { addDays, localDayOf } from '../../src-shared/domain/site-time';
import type { Backend } from '../backend/backend';
import { BackendError } from '../backend/backend-error';
import type { Store } from '../store/store';
import { cancelAppointmentsMissingFromWindow } from '../store/window-reconciliation';
import { notifySafely } from './notify';
import type { SyncReport } from './sync-report';

const MAX_PAGES = 1000;

/** Progress of a pull, page by page (a long initial sync has many). */
export interface SyncProgress {
  /** True when pulling without a cursor (first sync, new day, or a cursor the server dropped). */
  initial: boolean;
  pages: number;
  appointments: number;
  hasMore: boolean;
}

export interface AppointmentPullerOptions {
  client: Pick<Backend, 'siteId' | 'getSiteInfo' | 'getAppointments'>;
  store: Pick<
    Store,
    | 'db'
    | 'catalog'
    | 'syncState'
    | 'numbers'
    | 'conflicts'
    | 'tallies'
    | 'waitEstimates'
    | 'transaction'
  >;
  timeZone: string;
  /** Days pulled, today included. */
  windowDays: number;
  /** Appointments per page (default: the server's). */
  pageLimit?: number;
  now: () => Date;
  log: (line: string) => void;
}

export function createAppointmentPuller(options: AppointmentPullerOptions) {
  const { client, store, timeZone, now, log } = options;
  const progressed = new Emitter<SyncProgress>();
  let warnedTimeZone = false;

  /**
   * The page and the cursor that follows it land together, or neither does; with the last page
   * of a complete snapshot (`snapshot`: every id it held), so do the cancellations it proves.
   */
  function saveAppointmentsPage(
    page: AppointmentsPage,
    from: string,
    snapshot: ReadonlySet<string> | null,
  ): void {
    const window = { from, to: addDays(from, options.windowDays - 1) };
    const gone = store.transaction(() => {
      store.catalog.saveAppointments(page.appointments, timeZone, now());
      store.syncState.set('appointments-cursor', page.cursor);
      store.syncState.set('appointments-from', from);
      return snapshot ? cancelAppointmentsMissingFromWindow(store.db, window, snapshot, now()) : 0;
    });
    if (gone > 0) {
      log(
        `sync: ${gone} appointment(s) of ${window.from}…${window.to} no longer at the town hall: ` +
          'marked cancelled',
      );
    }
  }

  /** The stored cursor when it is for today's window; else none, and past days forgotten. */
  function cursorFor(from: string): string | undefined {
    if (store.syncState.get('appointments-from') === from) {
      return store.syncState.get('appointments-cursor');
    }
    // A new day (or a first run): the old cursor describes another window, so pull this one
    // whole, and forget the days that are over (appointments and number blocks).
    const purged = store.transaction(() => {
      store.syncState.delete('appointments-cursor');
      store.numbers.purgeBefore(from);
      return store.catalog.purgeAppointmentsBefore(from);
    });
    if (purged > 0) log(`sync: purged ${purged} appointment(s) before ${from}`);
    return undefined;
  }

  return {
    onProgress: progressed.event,

    async pullSiteInfo(): Promise<void> {
      const info = await client.getSiteInfo();
      if (info.site.id !== client.siteId) {
        throw new BackendError(
          'malformed',
          `site info is for ${info.site.id}, not ${client.siteId}`,
        );
      }
      if (info.site.timeZone !== timeZone && !warnedTimeZone) {
        warnedTimeZone = true;
        log(`sync: town hall says time zone ${info.site.timeZone}, kiosk is set to ${timeZone}`);
      }
      store.catalog.saveSiteInfo(info.site, info.services, now());
      // What the other kiosks gave today, for the services' daily caps (a back end that cannot
      // tell leaves the last count as it was).
      if (info.issuedToday) store.tallies.recordTownHallCounts(info.issuedToday, now());
      // Its queue per service, for the people ahead and wait of the next tickets.
      if (info.waitEstimates) {
        store.waitEstimates.recordTownHallEstimate(
          info.waitEstimates,
          localDayOf(now(), timeZone),
          now(),
        );
      }
    },

    async pullAppointments(report: SyncReport): Promise<void> {
      const from = localDayOf(now(), timeZone);
      let cursor = cursorFor(from);
      let retriedWithoutCursor = false;
      // The ids of a pull begun without a cursor, while every page of it is called complete;
      // null once that cannot prove anything (a delta, a page not called complete).
      let snapshot: Set<string> | null = cursor === undefined ? new Set() : null;
      const progress: SyncProgress = {
        initial: cursor === undefined,
        pages: 0,
        appointments: 0,
        hasMore: true,
      };
      for (let pages = 0; pages < MAX_PAGES; pages += 1) {
        let page: AppointmentsPage;
        try {
          page = await client.getAppointments({
            from,
            days: options.windowDays,
            ...(cursor !== undefined ? { cursor } : {}),
            ...(options.pageLimit !== undefined ? { limit: options.pageLimit } : {}),
          });
        } catch (error) {
          if (
            error instanceof BackendError &&
            error.code === 'invalid-cursor' &&
            cursor !== undefined &&
            !retriedWithoutCursor
          ) {
            log(`sync: town hall refused the cursor (${error.message}); pulling the window again`);
            retriedWithoutCursor = true;
            cursor = undefined;
            snapshot = new Set();
            Object.assign(progress, { initial: true, pages: 0, appointments: 0 });
            continue;
          }
          throw error;
        }
        if (snapshot && page.complete === true) {
          for (const appointment of page.appointments) snapshot.add(appointment.id);
        } else {
          snapshot = null;
        }
        saveAppointmentsPage(page, from, page.hasMore ? null : snapshot);
        report.appointmentsReceived += page.appointments.length;
        cursor = page.cursor;
        progress.pages += 1;
        progress.appointments += page.appointments.length;
        progress.hasMore = page.hasMore;
        notifySafely(progressed, { ...progress }, 'progress', log);
        if (!page.hasMore) return;
      }
      log(`sync: stopped after ${MAX_PAGES} pages of appointments; resuming next run`);
    },

    /** Today's tickets whose booking the town hall now has on another day: for staff. */
    recordMovedBookings(): void {
      const today = localDayOf(now(), timeZone);
      for (const moved of store.conflicts.movedBookings(today)) {
        const reason = `checked in on ${today}; the town hall has the booking on ${moved.bookingDay}`;
        store.conflicts.record(moved.id, moved.number, 'rescheduled', reason, now());
        log(`sync: ticket ${moved.number}: ${reason}`);
      }
    },
  };
}

export type AppointmentPuller = ReturnType<typeof createAppointmentPuller>;
