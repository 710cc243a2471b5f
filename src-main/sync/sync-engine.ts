/**
 * Keeps the kiosk's cache in step with the town hall and delivers its outbox (docs/sync.md).
 *
 * One full run: site info → top up number leases → push the outbox → pull the appointments
 * window (today and the next days, site-local) as a delta from the stored cursor. A push run
 * (after a ticket is committed, or a backoff retry) tops up leases and pushes. Runs never
 * overlap: `syncNow`, `requestPush`, the poll timer and the retry timer share one queue, and
 * requests made while a run waits to start join it. Heartbeats (and the remote configuration
 * they announce) go on their own timer.
 *
 * The outbox is pushed strictly in order (a row is not sent before the earlier ones are
 * settled), with Idempotency-Key = ticket id; a failed push waits with exponential backoff and
 * jitter. Nothing here throws out of a timer: failures become status (`degraded`, `offline`,
 * `lastError`) and one log line per change, and the kiosk keeps serving from its cache.
 */
import {
  CheckInRequestSchema,
  RemoteConfigSchema,
  WalkInRequestSchema,
  type AppointmentsPage,
  type Heartbeat,
  type HeartbeatResponse,
  type RemoteConfig,
} from '../../src-shared/contract/townhall-api';
import { localDayOf } from '../../src-shared/domain/site-time';
import type { ConflictKind } from '../store/conflict-repository';
import type { OutboxEntry } from '../store/outbox-repository';
import type { Store } from '../store/store';
import { Backoff, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { ConnectivityTracker, type Connectivity, type RequestTrack } from './connectivity';
import type { Backend } from '../backend/backend';
import { BackendError } from '../backend/backend-error';

export type { Connectivity } from './connectivity';

/** A skew of the kiosk clock beyond this is reported (status + log), never acted on. */
export const CLOCK_SKEW_LIMIT_MS = 2 * 60_000;

export interface SyncStatus {
  connectivity: Connectivity;
  /** When the cache was last brought up to date (site and appointments pulled), ISO 8601. */
  lastSuccessAt: string | null;
  /** When the town hall last answered anything, ISO 8601. */
  lastContactAt: string | null;
  pendingOutbox: number;
  /** Why the last run failed, or its first failure (no personal data); null after a success. */
  lastError: string | null;
  /** Server clock minus kiosk clock, ms, when known (diagnostics only). */
  clockOffsetMs: number | null;
  /** The kiosk clock is more than 2 minutes off the town hall's. */
  clockSkewed: boolean;
  /** Share of failed requests among the last ones. */
  errorRate: number;
  /** When a failed push will be retried, ISO 8601; null when none is waiting. */
  nextPushAt: string | null;
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
  /** Number leases obtained in this run. */
  leases: number;
}

/** Progress of a pull, page by page (a long initial sync has many). */
export interface SyncProgress {
  /** True when pulling without a cursor (first sync, new day, or a cursor the server dropped). */
  initial: boolean;
  pages: number;
  appointments: number;
  hasMore: boolean;
}

/** What the town hall may set remotely, as applied (RemoteConfig.settings). */
export type RemoteSettings = RemoteConfig['settings'];

/** The facts of a heartbeat the engine does not know itself (printer, scanner, version…). */
export type HeartbeatFacts = Pick<Heartbeat, 'appVersion' | 'printer' | 'scanner' | 'ticketsToday'>;

export interface SyncEngine {
  /** Runs a first sync now, then one every `pollSeconds`; heartbeats when configured. */
  start(): void;
  /** Stops the timers and waits for a run in flight. */
  stop(): Promise<void>;
  /** A complete run as soon as the current one (if any) ends; never rejects. */
  syncNow(): Promise<SyncReport>;
  /** Pushes the outbox soon (after a ticket is committed); calls coalesce; waits out a backoff. */
  requestPush(): void;
  /**
   * Tries to lease numbers for (service, day) now, within `deadlineMs`; false when the town hall
   * is known to be out of reach (a lease failed recently) or does not answer in time. For a
   * check-in that found its lease spent: it then falls back to the reserved range.
   */
  ensureLease(serviceId: string, day: string, deadlineMs?: number): Promise<boolean>;
  /** Sends one heartbeat now (and fetches the remote config if its version changed). */
  heartbeatNow(): Promise<HeartbeatResponse | null>;
  getStatus(): SyncStatus;
  onStatusChange(listener: (status: SyncStatus) => void): () => void;
  onProgress(listener: (progress: SyncProgress) => void): () => void;
  /** The remote settings last applied (persisted), or null. */
  getRemoteSettings(): RemoteSettings | null;
  onRemoteSettings(listener: (settings: RemoteSettings) => void): () => void;
  /** Changes the poll period (remote config); takes effect from the next poll. */
  setPollSeconds(seconds: number): void;
}

export type SyncStore = Pick<
  Store,
  'catalog' | 'outbox' | 'syncState' | 'transaction' | 'numbers' | 'conflicts'
>;

export interface SyncEngineOptions {
  client: Backend;
  store: SyncStore;
  /** The site's zone: decides which days "today and the next ones" are. */
  timeZone: string;
  pollSeconds: number;
  /** This kiosk's id: needed for number leases and heartbeats (neither happens without it). */
  kioskId?: string;
  now?: () => Date;
  log?: (line: string) => void;
  /** Days pulled, today included (default 3). */
  windowDays?: number;
  /** Appointments per page (default: the server's). */
  pageLimit?: number;
  /** Backoff of failed pushes and failed runs (default 1 s doubling up to 5 min). */
  backoff?: BackoffPolicy;
  /** Random source of the backoff's jitter, [0, 1). */
  random?: () => number;
  /** A lease is topped up when fewer than this share of a block remains (default 0.25). */
  leaseTopUpRatio?: number;
  /** Heartbeats every `intervalSeconds` with these facts; none when absent. */
  heartbeat?: { intervalSeconds: number; facts: () => HeartbeatFacts };
}

/**
 * 'full': everything now (syncNow); 'poll': the same from the timer, but a push still waiting out
 * its backoff is left to the retry timer; 'push': leases and outbox only.
 */
type RunKind = 'full' | 'poll' | 'push';
const RUN_RANK: Record<RunKind, number> = { push: 0, poll: 1, full: 2 };

const PUSH_BATCH = 50;
/** Answered failures of one outbox row before it is set aside (hours, with the backoff). */
export const MAX_ANSWERED_ATTEMPTS = 12;
const MAX_PAGES = 1000;

const describe = (error: unknown): string =>
  error instanceof Error ? error.message : `unexpected failure: ${String(error)}`;

/** No answer at all: the town hall (or the way to it) is down. */
const unreachable = (error: unknown): boolean =>
  error instanceof BackendError && (error.kind === 'network' || error.kind === 'timeout');

/**
 * The town hall is down or overloaded (no answer, or a gateway saying so): this ends by itself,
 * so it never sets an outbox row aside, however long it lasts.
 */
function isOutage(error: BackendError): boolean {
  if (error.kind === 'network' || error.kind === 'timeout') return true;
  return error.status !== undefined && [429, 502, 503, 504].includes(error.status);
}

function conflictKind(error: BackendError): ConflictKind {
  if (error.status === 409) {
    if (error.code === 'daily-cap-reached') return 'daily-cap-reached';
    if (error.code === 'conflict' && /cancel/i.test(error.message)) return 'booking-cancelled';
    if (error.code === 'conflict' && /already issued/i.test(error.message)) return 'number-taken';
    if (error.code === 'conflict' && /checked[ -]in/i.test(error.message)) {
      return 'checked-in-elsewhere';
    }
    return 'conflict';
  }
  if (error.status === 422) return 'unknown-appointment';
  return 'rejected';
}

const QR_URL_PATTERN = /^https?:\/\/[\x21-\x7e]+$/;

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { client, store, timeZone, kioskId } = options;
  const now = options.now ?? (() => new Date());
  const nowMs = () => now().getTime();
  const log = options.log ?? (() => undefined);
  const windowDays = options.windowDays ?? 3;
  const random = options.random ?? Math.random;
  const backoffPolicy = options.backoff ?? DEFAULT_BACKOFF;
  const topUpRatio = options.leaseTopUpRatio ?? 0.25;
  let pollSeconds = options.pollSeconds;

  const tracker = new ConnectivityTracker();
  const pushBackoff = new Backoff(backoffPolicy, nowMs, random);
  const runBackoff = new Backoff(backoffPolicy, nowMs, random);
  const leaseBackoff = new Backoff(backoffPolicy, nowMs, random);
  let lastError: string | null = null;
  let lastSuccessAt: string | null = store.syncState.get('last-success-at') ?? null;
  let lastContactAt: string | null = null;
  let loggedConnectivity: Connectivity = 'connecting';
  let clockSkewed = false;
  let warnedTimeZone = false;
  const refusedLeases = new Set<string>();
  const statusListeners = new Set<(status: SyncStatus) => void>();
  const progressListeners = new Set<(progress: SyncProgress) => void>();
  const settingsListeners = new Set<(settings: RemoteSettings) => void>();
  let lastEmitted = '';

  let running = false;
  let pollTimer: NodeJS.Timeout | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let heartbeatTimer: NodeJS.Timeout | null = null;
  let inFlight: Promise<SyncReport> | null = null;
  let queued: { kind: RunKind; promise?: Promise<SyncReport> } | null = null;
  const leasesInFlight = new Map<string, Promise<boolean>>();

  function getStatus(): SyncStatus {
    const due = pushBackoff.dueAt();
    return {
      connectivity: tracker.state(),
      lastSuccessAt,
      lastContactAt,
      pendingOutbox: store.outbox.pendingCount(),
      lastError,
      clockOffsetMs: client.clockOffsetMs(),
      clockSkewed,
      errorRate: tracker.errorRate(),
      nextPushAt:
        due !== null && store.outbox.pendingCount() > 0 ? new Date(due).toISOString() : null,
    };
  }

  function emitIfChanged(): void {
    const status = getStatus();
    // Offsets jitter, rates drift, contact times move on every answer: not changes worth telling.
    const key = JSON.stringify({
      ...status,
      clockOffsetMs: null,
      errorRate: null,
      lastContactAt: null,
      nextPushAt: null,
    });
    if (key === lastEmitted) return;
    lastEmitted = key;
    for (const listener of statusListeners) {
      try {
        listener(status);
      } catch (error) {
        log(`sync: status listener failed: ${describe(error)}`);
      }
    }
  }

  function notify<T>(listeners: Set<(value: T) => void>, value: T, what: string): void {
    for (const listener of listeners) {
      try {
        listener(value);
      } catch (error) {
        log(`sync: ${what} listener failed: ${describe(error)}`);
      }
    }
  }

  /** One request's outcome: answered (even with a refusal) or failed. */
  function outcome(track: RequestTrack, error?: unknown): void {
    const failed = error !== undefined && !(error instanceof BackendError && error.permanent);
    tracker.record(track, !failed, nowMs());
    if (!failed || (error instanceof BackendError && error.kind === 'http')) {
      lastContactAt = now().toISOString();
    }
    checkClock();
  }

  function checkClock(): void {
    const offset = client.clockOffsetMs();
    const skewed = offset !== null && Math.abs(offset) > CLOCK_SKEW_LIMIT_MS;
    if (skewed === clockSkewed) return;
    clockSkewed = skewed;
    log(
      skewed
        ? `sync: the kiosk clock is ${Math.abs(Math.round((offset ?? 0) / 1000))} s ` +
            `${(offset ?? 0) > 0 ? 'behind' : 'ahead of'} the town hall's ` +
            `(more than 2 minutes off; check the time service)`
        : 'sync: the kiosk clock is within 2 minutes of the town hall’s again',
    );
  }

  function logConnectivity(): void {
    const state = tracker.state();
    if (state === loggedConnectivity) return;
    loggedConnectivity = state;
    log(
      state === 'online'
        ? `sync: online (window ${windowDays} days from today)`
        : `sync: ${state}: ${lastError ?? ''}`,
    );
  }

  async function pullSiteInfo(): Promise<void> {
    const info = await client.getSiteInfo();
    if (info.site.id !== client.siteId) {
      throw new BackendError('malformed', `site info is for ${info.site.id}, not ${client.siteId}`);
    }
    if (info.site.timeZone !== timeZone && !warnedTimeZone) {
      warnedTimeZone = true;
      log(`sync: town hall says time zone ${info.site.timeZone}, kiosk is set to ${timeZone}`);
    }
    store.catalog.saveSiteInfo(info.site, info.services, now());
  }

  // ---- number leases ------------------------------------------------------------------------

  async function leaseOne(serviceId: string, day: string): Promise<boolean> {
    const numbering = store.catalog.getNumbering();
    if (!numbering || !kioskId || !client.leaseNumbers) return false;
    try {
      const lease = await client.leaseNumbers({ kioskId, serviceId, day });
      outcome('lease');
      leaseBackoff.succeeded();
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
      outcome('lease', error);
      if (error instanceof BackendError && error.permanent) {
        const key = `${serviceId}/${day}`;
        if (!refusedLeases.has(key)) {
          refusedLeases.add(key);
          log(`sync: no number lease for ${serviceId} on ${day}: ${error.message}`);
        }
        return false;
      }
      leaseBackoff.failed();
      throw error;
    }
  }

  /** Leases for today's services whose stock is low; stops at the first unanswered request. */
  async function topUpLeases(report: SyncReport): Promise<void> {
    const numbering = store.catalog.getNumbering();
    if (!numbering || !kioskId || !client.leaseNumbers) return;
    const day = localDayOf(now(), timeZone);
    for (const service of store.catalog.listServices()) {
      if (refusedLeases.has(`${service.id}/${day}`)) continue;
      const stock = store.numbers.leaseStock(day, service.id);
      const blockSize = Math.max(numbering.defaultBlockSize, stock.lastBlockSize);
      if (stock.remaining >= Math.max(1, Math.ceil(blockSize * topUpRatio))) continue;
      if (await leaseOne(service.id, day)) report.leases += 1;
    }
  }

  async function ensureLease(serviceId: string, day: string, deadlineMs = 1500): Promise<boolean> {
    if (!leaseBackoff.ready() || !store.catalog.getNumbering() || !kioskId) return false;
    const key = `${serviceId}/${day}`;
    if (refusedLeases.has(key)) return false;
    let pending = leasesInFlight.get(key);
    if (!pending) {
      pending = leaseOne(serviceId, day)
        .catch(() => false)
        .finally(() => leasesInFlight.delete(key));
      leasesInFlight.set(key, pending);
    }
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), deadlineMs);
    });
    try {
      return await Promise.race([pending, deadline]);
    } finally {
      clearTimeout(timer);
      emitIfChanged();
    }
  }

  // ---- outbox -------------------------------------------------------------------------------

  /** A refused row is kept with its reason, for staff, and never sent again. */
  function settleRejected(entry: OutboxEntry, kind: ConflictKind, reason: string): void {
    const payload = entry.payload as { ticketNumber?: unknown };
    const number = typeof payload?.ticketNumber === 'string' ? payload.ticketNumber : '?';
    store.transaction(() => {
      store.outbox.markRejected(entry.seq, `rejected: ${reason}`, now());
      store.conflicts.record(entry.ticketId, number, kind, reason, now());
    });
    log(`sync: outbox #${entry.seq} (ticket ${number}) rejected for good (${kind}): ${reason}`);
  }

  async function send(entry: OutboxEntry): Promise<boolean> {
    if (entry.kind === 'check-in') {
      const request = CheckInRequestSchema.safeParse(entry.payload);
      if (!request.success || request.data.ticketId !== entry.ticketId) return false;
      await client.postCheckIn(request.data);
      return true;
    }
    if (entry.kind === 'walk-in') {
      const request = WalkInRequestSchema.safeParse(entry.payload);
      if (!request.success || request.data.ticketId !== entry.ticketId || !client.postWalkIn) {
        return false;
      }
      await client.postWalkIn(request.data);
      return true;
    }
    return false;
  }

  async function pushOutbox(report: SyncReport): Promise<void> {
    // Bounded by what is pending now; rows committed meanwhile go in the next run.
    let budget = store.outbox.pendingCount();
    while (budget > 0) {
      const batch = store.outbox.pending(Math.min(PUSH_BATCH, budget));
      if (batch.length === 0) return;
      for (const entry of batch) {
        budget -= 1;
        try {
          if (!(await send(entry))) {
            settleRejected(entry, 'rejected', `invalid ${entry.kind} payload in the local outbox`);
            report.rejected += 1;
            continue;
          }
          store.outbox.markDelivered(entry.seq, now());
          outcome('push');
          pushBackoff.succeeded();
          report.delivered += 1;
        } catch (error) {
          outcome('push', error);
          if (error instanceof BackendError && error.permanent) {
            settleRejected(entry, conflictKind(error), error.message);
            pushBackoff.succeeded();
            report.rejected += 1;
            continue;
          }
          // The town hall answers, but never with a success, time after time: the row is set
          // aside for staff rather than holding back every check-in behind it. An outage
          // (unreachable, 502/503/504, 429) never does this: it ends by itself.
          const answered = error instanceof BackendError && !isOutage(error);
          if (answered && entry.answeredFailures + 1 >= MAX_ANSWERED_ATTEMPTS) {
            settleRejected(
              entry,
              'gave-up',
              `${describe(error)} (${entry.answeredFailures + 1} answered attempts)`,
            );
            report.rejected += 1;
            continue;
          }
          // Not delivered: the row stays pending, and nothing after it is sent before it (the
          // Idempotency-Key makes a retry of a push that did arrive harmless).
          store.outbox.markFailed(entry.seq, describe(error), answered);
          pushBackoff.failed();
          armRetry();
          throw error;
        }
      }
    }
  }

  // ---- appointments -------------------------------------------------------------------------

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
      // whole, and forget the days that are over (appointments and number blocks).
      const purged = store.transaction(() => {
        store.syncState.delete('appointments-cursor');
        store.numbers.purgeBefore(from);
        return store.catalog.purgeAppointmentsBefore(from);
      });
      if (purged > 0) log(`sync: purged ${purged} appointment(s) before ${from}`);
    }
    let retriedWithoutCursor = false;
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
          days: windowDays,
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
          Object.assign(progress, { initial: true, pages: 0, appointments: 0 });
          continue;
        }
        throw error;
      }
      saveAppointmentsPage(page, from);
      report.appointmentsReceived += page.appointments.length;
      cursor = page.cursor;
      progress.pages += 1;
      progress.appointments += page.appointments.length;
      progress.hasMore = page.hasMore;
      notify(progressListeners, { ...progress }, 'progress');
      if (!page.hasMore) return;
    }
    log(`sync: stopped after ${MAX_PAGES} pages of appointments; resuming next run`);
  }

  /** Today's tickets whose booking the town hall now has on another day: for staff. */
  function recordMovedBookings(): void {
    const today = localDayOf(now(), timeZone);
    for (const moved of store.conflicts.movedBookings(today)) {
      const reason = `checked in on ${today}; the town hall has the booking on ${moved.bookingDay}`;
      store.conflicts.record(moved.id, moved.number, 'rescheduled', reason, now());
      log(`sync: ticket ${moved.number}: ${reason}`);
    }
  }

  // ---- runs ---------------------------------------------------------------------------------

  async function run(kind: RunKind): Promise<SyncReport> {
    const report: SyncReport = {
      ok: true,
      appointmentsReceived: 0,
      delivered: 0,
      rejected: 0,
      leases: 0,
    };
    const fail = (error: unknown) => {
      if (report.ok) {
        report.ok = false;
        report.error = describe(error);
      }
    };
    let reachable = true;
    const step = async (track: RequestTrack | null, work: () => Promise<void>) => {
      if (!reachable) return;
      try {
        await work();
      } catch (error) {
        if (track) outcome(track, error);
        fail(error);
        // Nothing answers: the other steps would only wait for their own timeouts.
        if (unreachable(error)) reachable = false;
      }
    };

    const full = kind !== 'push';
    if (full) {
      tracker.beginRound(nowMs());
      await step('pull', async () => {
        await pullSiteInfo();
        outcome('pull');
      });
    }
    if (full || leaseBackoff.ready()) await step(null, () => topUpLeases(report));
    if (kind === 'full' || pushBackoff.ready()) await step(null, () => pushOutbox(report));
    if (full) {
      const pulledBefore = report.ok;
      await step('pull', async () => {
        await pullAppointments(report);
        outcome('pull');
        recordMovedBookings();
        if (pulledBefore) {
          lastSuccessAt = now().toISOString();
          store.syncState.set('last-success-at', lastSuccessAt);
        }
      });
      if (report.ok) runBackoff.succeeded();
      else runBackoff.failed();
    }
    if (report.ok) lastError = null;
    else lastError = report.error ?? null;
    if (report.appointmentsReceived > 0 || report.delivered > 0 || report.rejected > 0) {
      log(
        `sync: ${report.appointmentsReceived} appointment change(s) received, ` +
          `${report.delivered} ticket(s) delivered, ${report.rejected} refused`,
      );
    }
    logConnectivity();
    emitIfChanged();
    return report;
  }

  /** Queues a run after the one in flight; a request for a run already queued joins it. */
  function schedule(kind: RunKind): Promise<SyncReport> {
    if (queued?.promise) {
      if (RUN_RANK[kind] > RUN_RANK[queued.kind]) queued.kind = kind;
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

  // ---- heartbeat and remote configuration ---------------------------------------------------

  function storedRemote(): RemoteConfig | null {
    const raw = store.syncState.get('remote-config');
    if (!raw) return null;
    try {
      const parsed = RemoteConfigSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  async function fetchRemoteConfig(version: number): Promise<void> {
    if (!kioskId || !client.remoteConfig) return;
    let config: RemoteConfig;
    try {
      config = await client.remoteConfig(kioskId);
      outcome('config');
    } catch (error) {
      outcome('config', error);
      log(`sync: remote configuration ${version} not fetched: ${describe(error)}`);
      return;
    }
    const settings: RemoteSettings = { ...config.settings };
    if (settings.ticketQrUrl && !QR_URL_PATTERN.test(settings.ticketQrUrl)) {
      log('sync: remote ticketQrUrl ignored: expected an http(s) URL in plain ASCII');
      delete settings.ticketQrUrl;
    }
    const applied: RemoteConfig = { version: config.version, settings };
    store.transaction(() => {
      store.syncState.set('remote-config', JSON.stringify(applied));
      store.syncState.set('remote-config-version', String(config.version));
    });
    log(
      `sync: remote configuration ${config.version} applied (${Object.keys(settings).join(', ') || 'no settings'})`,
    );
    if (settings.pollSeconds !== undefined) pollSeconds = settings.pollSeconds;
    notify(settingsListeners, settings, 'remote settings');
  }

  async function heartbeatNow(): Promise<HeartbeatResponse | null> {
    if (!kioskId || !options.heartbeat || !client.heartbeat) return null;
    let facts: HeartbeatFacts;
    try {
      facts = options.heartbeat.facts();
    } catch (error) {
      log(`sync: heartbeat facts failed: ${describe(error)}`);
      return null;
    }
    const offset = client.clockOffsetMs();
    const heartbeat: Heartbeat = {
      ...facts,
      kioskId,
      sentAt: now().toISOString(),
      connectivity: tracker.state(),
      outbox: { pending: store.outbox.pendingCount() },
      // As the town hall reads it: server clock minus kiosk clock.
      clockSkewMs: offset === null ? null : Math.round(offset),
    };
    let answer: HeartbeatResponse;
    try {
      answer = await client.heartbeat(heartbeat);
      outcome('heartbeat');
    } catch (error) {
      outcome('heartbeat', error);
      logConnectivity();
      emitIfChanged();
      return null;
    }
    const known = store.syncState.get('remote-config-version');
    if (known !== String(answer.configVersion)) await fetchRemoteConfig(answer.configVersion);
    logConnectivity();
    emitIfChanged();
    return answer;
  }

  // ---- timers -------------------------------------------------------------------------------

  // Bumped by start/stop so that a run finishing after a restart cannot arm a second timer.
  let generation = 0;

  function armPoll(forGeneration: number): void {
    if (!running || forGeneration !== generation) return;
    // After a failed run, try again sooner (with backoff), but never later than the poll.
    const delayMs =
      runBackoff.failures > 0
        ? Math.min(pollSeconds * 1000, Math.max(0, (runBackoff.dueAt() ?? nowMs()) - nowMs()))
        : pollSeconds * 1000;
    pollTimer = setTimeout(() => tick(forGeneration), delayMs);
    // The kiosk's hosts keep the process alive; a pending poll alone should not.
    pollTimer.unref();
  }

  function tick(forGeneration: number): void {
    pollTimer = null;
    void schedule('poll').finally(() => armPoll(forGeneration));
  }

  function armRetry(): void {
    if (!running || retryTimer) return;
    const due = pushBackoff.dueAt();
    const delayMs = due === null ? 0 : Math.max(0, due - nowMs());
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (running) void schedule('push');
    }, delayMs);
    retryTimer.unref();
  }

  function armHeartbeat(forGeneration: number): void {
    if (!running || forGeneration !== generation || !options.heartbeat || !kioskId) return;
    heartbeatTimer = setTimeout(() => {
      heartbeatTimer = null;
      void heartbeatNow().finally(() => armHeartbeat(forGeneration));
    }, options.heartbeat.intervalSeconds * 1000);
    heartbeatTimer.unref();
  }

  return {
    start() {
      if (running) return;
      running = true;
      generation += 1;
      emitIfChanged();
      tick(generation);
      if (options.heartbeat && kioskId) {
        const forGeneration = generation;
        void heartbeatNow().finally(() => armHeartbeat(forGeneration));
      }
    },
    async stop() {
      running = false;
      generation += 1;
      for (const timer of [pollTimer, retryTimer, heartbeatTimer]) if (timer) clearTimeout(timer);
      pollTimer = retryTimer = heartbeatTimer = null;
      await (queued?.promise ?? inFlight ?? Promise.resolve());
      await Promise.allSettled([...leasesInFlight.values()]);
    },
    syncNow: () => schedule('full'),
    requestPush() {
      emitIfChanged(); // the pending count just grew
      // While a failed push waits out its backoff, the retry timer sends it (and what follows).
      if (!pushBackoff.ready()) {
        armRetry();
        return;
      }
      void schedule('push');
    },
    ensureLease,
    heartbeatNow,
    getStatus,
    onStatusChange(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    onProgress(listener) {
      progressListeners.add(listener);
      return () => progressListeners.delete(listener);
    },
    getRemoteSettings: () => storedRemote()?.settings ?? null,
    onRemoteSettings(listener) {
      settingsListeners.add(listener);
      return () => settingsListeners.delete(listener);
    },
    setPollSeconds(seconds) {
      pollSeconds = Math.min(3600, Math.max(5, Math.round(seconds)));
    },
  };
}
