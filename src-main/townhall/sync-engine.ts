/**
 * Keeps the kiosk's cache in step with the town hall and delivers its outbox.
 *
 * One run: site info → push the outbox → pull the appointments window (today and the next days,
 * site-local) as a delta from the stored cursor. Pushing before pulling means the pull already
 * reflects this kiosk's check-ins. Runs never overlap: `syncNow`, `requestPush` and the timer
 * share one queue, and requests made while a run is in flight coalesce into the next one.
 *
 * Nothing here throws out of the timer: failures become status (`offline`, `lastError`) and one
 * log line, and the kiosk keeps serving from its cache.
 */
import {
  CheckInRequestSchema,
  type AppointmentsPage,
} from '../../src-shared/contract/townhall-api';
import { localDayOf } from '../../src-shared/domain/site-time';
import type { OutboxEntry } from '../store/outbox-repository';
import type { Store } from '../store/store';
import { TownhallError, type TownhallClient } from './townhall-client';

export type Connectivity = 'connecting' | 'online' | 'offline';

export interface SyncStatus {
  connectivity: Connectivity;
  /** When the last complete run (site, outbox and appointments) ended, ISO 8601. */
  lastSuccessAt: string | null;
  pendingOutbox: number;
  /** Why the last run failed (no personal data); null after a success. */
  lastError: string | null;
  /** Server clock minus kiosk clock, ms, when known (diagnostics only). */
  clockOffsetMs: number | null;
}

export interface SyncReport {
  ok: boolean;
  error?: string;
  /** Appointments received (new or changed) in this run. */
  appointmentsReceived: number;
  /** Outbox rows the town hall accepted (201) or already had (200). */
  delivered: number;
  /** Outbox rows the town hall refused for good (400/409/413/415/422), settled, not retried. */
  rejected: number;
}

export interface SyncEngine {
  /** Runs a first sync now, then one every `pollSeconds`. */
  start(): void;
  /** Stops the timer and waits for a run in flight. */
  stop(): Promise<void>;
  /** A complete run as soon as the current one (if any) ends; never rejects. */
  syncNow(): Promise<SyncReport>;
  /** Pushes the outbox soon (after a ticket is committed); calls coalesce. */
  requestPush(): void;
  getStatus(): SyncStatus;
  /** Called with the new status whenever it changes; returns the unsubscribe function. */
  onStatusChange(listener: (status: SyncStatus) => void): () => void;
}

export type SyncStore = Pick<Store, 'catalog' | 'outbox' | 'syncState' | 'transaction'>;

export interface SyncEngineOptions {
  client: TownhallClient;
  store: SyncStore;
  /** The site's zone: decides which days "today and the next ones" are. */
  timeZone: string;
  pollSeconds: number;
  now?: () => Date;
  log?: (line: string) => void;
  /** Days pulled, today included (default 3). */
  windowDays?: number;
  /** Appointments per page (default: the server's). */
  pageLimit?: number;
}

type RunKind = 'full' | 'push';

const PUSH_BATCH = 50;
const MAX_PAGES = 1000;

const describe = (error: unknown): string =>
  error instanceof Error ? error.message : `unexpected failure: ${String(error)}`;

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { client, store, timeZone } = options;
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => undefined);
  const windowDays = options.windowDays ?? 3;

  let connectivity: Connectivity = 'connecting';
  let lastError: string | null = null;
  let lastSuccessAt: string | null = store.syncState.get('last-success-at') ?? null;
  let warnedTimeZone = false;
  const listeners = new Set<(status: SyncStatus) => void>();
  let lastEmitted = '';

  let running = false;
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<SyncReport> | null = null;
  let queued: { kind: RunKind; promise?: Promise<SyncReport> } | null = null;

  function getStatus(): SyncStatus {
    return {
      connectivity,
      lastSuccessAt,
      pendingOutbox: store.outbox.pendingCount(),
      lastError,
      clockOffsetMs: client.clockOffsetMs(),
    };
  }

  function emitIfChanged(): void {
    const status = getStatus();
    // The clock offset jitters by a second from answer to answer: not a change worth telling.
    const key = JSON.stringify({ ...status, clockOffsetMs: null });
    if (key === lastEmitted) return;
    lastEmitted = key;
    for (const listener of listeners) {
      try {
        listener(status);
      } catch (error) {
        log(`sync: status listener failed: ${describe(error)}`);
      }
    }
  }

  async function pullSiteInfo(): Promise<void> {
    const info = await client.getSiteInfo();
    if (info.site.id !== client.siteId) {
      throw new TownhallError(
        'malformed',
        `site info is for ${info.site.id}, not ${client.siteId}`,
      );
    }
    if (info.site.timeZone !== timeZone && !warnedTimeZone) {
      warnedTimeZone = true;
      log(`sync: town hall says time zone ${info.site.timeZone}, kiosk is set to ${timeZone}`);
    }
    store.catalog.saveSiteInfo(info.site, info.services, now());
  }

  /** A refused row is kept with its reason, for staff, and never sent again. */
  function settleRejected(entry: OutboxEntry, reason: string): void {
    store.outbox.markRejected(entry.seq, `rejected: ${reason}`, now());
    log(`sync: outbox #${entry.seq} rejected for good: ${reason}`);
  }

  async function pushOutbox(report: SyncReport): Promise<void> {
    // Bounded by what is pending now; rows committed meanwhile go in the next run.
    let budget = store.outbox.pendingCount();
    while (budget > 0) {
      const batch = store.outbox.pending(Math.min(PUSH_BATCH, budget));
      if (batch.length === 0) return;
      for (const entry of batch) {
        budget -= 1;
        const request = CheckInRequestSchema.safeParse(entry.payload);
        if (
          entry.kind !== 'check-in' ||
          !request.success ||
          request.data.ticketId !== entry.ticketId
        ) {
          settleRejected(entry, `invalid ${entry.kind} payload in the local outbox`);
          report.rejected += 1;
          continue;
        }
        try {
          await client.postCheckIn(request.data);
          store.outbox.markDelivered(entry.seq, now());
          report.delivered += 1;
        } catch (error) {
          if (error instanceof TownhallError && error.permanent) {
            settleRejected(entry, error.message);
            report.rejected += 1;
            continue;
          }
          // Not answered: keep the row pending and stop; the next run retries it (the
          // Idempotency-Key makes a retry of a push that did arrive harmless).
          store.outbox.markFailed(entry.seq, describe(error));
          throw error;
        }
      }
    }
  }

  function saveAppointmentsPage(page: AppointmentsPage, from: string): void {
    // The page and the cursor that follows it land together, or neither does.
    store.transaction(() => {
      store.catalog.saveAppointments(page.appointments, timeZone, now());
      store.syncState.set('appointments-cursor', page.cursor);
      store.syncState.set('appointments-from', from);
    });
  }

  async function pullAppointments(report: SyncReport): Promise<void> {
    const from = localDayOf(now(), timeZone);
    let cursor: string | undefined;
    if (store.syncState.get('appointments-from') === from) {
      cursor = store.syncState.get('appointments-cursor');
    } else {
      // A new day (or a first run): the old cursor describes another window, so pull this one
      // whole, and forget the days that are over.
      const purged = store.transaction(() => {
        store.syncState.delete('appointments-cursor');
        return store.catalog.purgeAppointmentsBefore(from);
      });
      if (purged > 0) log(`sync: purged ${purged} appointment(s) before ${from}`);
    }
    let retriedWithoutCursor = false;
    for (let pages = 0; pages < MAX_PAGES; pages += 1) {
      let page: AppointmentsPage;
      try {
        page = await client.getAppointments({
          from,
          days: windowDays,
          ...(cursor !== undefined ? { cursor } : {}),
          ...(options.pageLimit !== undefined ? { limit: options.pageLimit } : {}),
        });
      } catch (error) {
        if (
          error instanceof TownhallError &&
          error.code === 'invalid-cursor' &&
          cursor !== undefined &&
          !retriedWithoutCursor
        ) {
          log(`sync: town hall refused the cursor (${error.message}); pulling the window again`);
          retriedWithoutCursor = true;
          cursor = undefined;
          continue;
        }
        throw error;
      }
      saveAppointmentsPage(page, from);
      report.appointmentsReceived += page.appointments.length;
      cursor = page.cursor;
      if (!page.hasMore) return;
    }
    log(`sync: stopped after ${MAX_PAGES} pages of appointments; resuming next run`);
  }

  async function run(kind: RunKind): Promise<SyncReport> {
    const report: SyncReport = { ok: true, appointmentsReceived: 0, delivered: 0, rejected: 0 };
    try {
      if (kind === 'full') await pullSiteInfo();
      await pushOutbox(report);
      if (kind === 'full') {
        await pullAppointments(report);
        lastSuccessAt = now().toISOString();
        store.syncState.set('last-success-at', lastSuccessAt);
      }
      if (connectivity !== 'online') log(`sync: online (window ${windowDays} days from today)`);
      connectivity = 'online';
      lastError = null;
      if (report.appointmentsReceived > 0 || report.delivered > 0) {
        log(
          `sync: ${report.appointmentsReceived} appointment change(s) received, ` +
            `${report.delivered} check-in(s) delivered`,
        );
      }
    } catch (error) {
      const message = describe(error);
      // One line per change of situation, not one per poll while the network is down.
      if (connectivity !== 'offline' || message !== lastError) log(`sync: offline: ${message}`);
      connectivity = 'offline';
      lastError = message;
      report.ok = false;
      report.error = message;
    }
    emitIfChanged();
    return report;
  }

  /** Queues a run after the one in flight; a request for a run already queued joins it. */
  function schedule(kind: RunKind): Promise<SyncReport> {
    if (queued?.promise) {
      if (kind === 'full') queued.kind = 'full';
      return queued.promise;
    }
    const previous = inFlight ?? Promise.resolve();
    const entry: { kind: RunKind; promise?: Promise<SyncReport> } = { kind };
    const promise = previous
      .catch(() => undefined)
      .then(() => {
        // From here on, requests queue behind this run instead of joining it.
        queued = null;
        inFlight = promise;
        return run(entry.kind);
      })
      .finally(() => {
        if (inFlight === promise) inFlight = null;
      });
    entry.promise = promise;
    queued = entry;
    return promise;
  }

  // Bumped by start/stop so that a run finishing after a restart cannot arm a second timer.
  let generation = 0;

  function armTimer(forGeneration: number): void {
    if (!running || forGeneration !== generation) return;
    timer = setTimeout(() => tick(forGeneration), options.pollSeconds * 1000);
    // The kiosk's hosts keep the process alive; a pending poll alone should not.
    timer.unref();
  }

  function tick(forGeneration: number): void {
    timer = null;
    void schedule('full').finally(() => armTimer(forGeneration));
  }

  return {
    start() {
      if (running) return;
      running = true;
      generation += 1;
      emitIfChanged();
      tick(generation);
    },
    async stop() {
      running = false;
      generation += 1;
      if (timer) clearTimeout(timer);
      timer = null;
      await (queued?.promise ?? inFlight ?? Promise.resolve());
    },
    syncNow: () => schedule('full'),
    requestPush() {
      emitIfChanged(); // the pending count just grew
      void schedule('push');
    },
    getStatus,
    onStatusChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
