/**
 * Keeps the kiosk's cache in step with the town hall and delivers its outbox (docs/sync.md). This
 * front wires the parts, each in its own module:
 *
 * - `scheduler.ts`: the run queue (runs never overlap), the poll and push-retry timers;
 * - `sync-run.ts`: the steps of one run;
 * - `appointment-puller.ts`: site info and the appointments window (delta cursor, pages);
 * - `outbox-pusher.ts`: the outbox, in order, with conflicts and outages told apart;
 * - `lease-keeper.ts`: number leases, topped up and on demand;
 * - `heartbeat.ts` and `remote-settings.ts`: the kiosk's heartbeat and what it brings back;
 * - `sync-status.ts`: connectivity, clock skew, kiosk problems and the last error, as staff see
 *   them (`kiosk-problems.ts`: a refused credential or setup, which holds the outbox).
 *
 * Nothing here throws out of a timer: failures become status (`degraded`, `offline`,
 * `lastError`) and one log line per change, and the kiosk keeps serving from its cache.
 */
import type { Event } from '../../src-shared/common/emitter';
import type { HeartbeatResponse } from '../../src-shared/contract/townhall-api';
import type { Backend } from '../backend/backend';
import type { SetAsideEntry } from '../store/outbox-repository';
import type { Store } from '../store/store';
import { createAppointmentPuller, type SyncProgress } from './appointment-puller';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { createHeartbeat, type HeartbeatFacts } from './heartbeat';
import { createLeaseKeeper } from './lease-keeper';
import { createOutboxPusher } from './outbox-pusher';
import { createRemoteSettings, type RemoteSettings } from './remote-settings';
import { createScheduler } from './scheduler';
import { createSyncRun } from './sync-run';
import type { SyncReport } from './sync-report';
import { createSyncStatus, type SyncStatus } from './sync-status';

export type { AuthProblem } from '../../src-shared/contract/townhall-api';
export type { SetAsideEntry } from '../store/outbox-repository';
export type { Connectivity } from './connectivity';
export type { SyncProgress } from './appointment-puller';
export type { HeartbeatFacts } from './heartbeat';
export { MAX_ANSWERED_ATTEMPTS } from './outbox-pusher';
export type { RemoteSettings } from './remote-settings';
export type { SyncReport } from './sync-report';
export { CLOCK_SKEW_LIMIT_MS, type SyncStatus } from './sync-status';

export interface SyncEngine {
  /** Runs a first sync now, then one every `pollSeconds()`; heartbeats when configured. */
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
  /** Every answer of the town hall to a heartbeat (the appliance reads `desiredVersion`). */
  readonly onHeartbeatAnswer: Event<HeartbeatResponse>;
  getStatus(): SyncStatus;
  readonly onStatusChange: Event<SyncStatus>;
  /**
   * Outbox rows set aside (refused for good, or given up on after many failed answers), the
   * latest first: ticket number, kind, reason, when. For the technician and staff screens.
   */
  listSetAside(limit?: number): SetAsideEntry[];
  /**
   * Puts a set-aside row back in the queue at its place, its attempts cleared, and pushes soon;
   * false when the ticket has no set-aside row. A refusal that has not changed (a booking still
   * cancelled) sets it aside again at once.
   */
  resend(ticketId: string): boolean;
  readonly onProgress: Event<SyncProgress>;
  /** The remote settings last applied (persisted), or null. */
  getRemoteSettings(): RemoteSettings | null;
  /** Remote settings as they arrive; whoever owns the effective values applies them. */
  readonly onRemoteSettings: Event<RemoteSettings>;
}

export type SyncStore = Pick<
  Store,
  | 'db'
  | 'catalog'
  | 'outbox'
  | 'syncState'
  | 'transaction'
  | 'numbers'
  | 'conflicts'
  | 'tallies'
  | 'waitEstimates'
>;

export interface SyncEngineOptions {
  client: Backend;
  store: SyncStore;
  /** The site's zone: decides which days "today and the next ones" are. */
  timeZone: string;
  /** The poll period, read each time the next poll is scheduled. */
  pollSeconds: () => number;
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

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { client, store, timeZone, kioskId } = options;
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => undefined);
  const windowDays = options.windowDays ?? 3;
  const backoffOptions = {
    backoff: options.backoff ?? DEFAULT_BACKOFF,
    random: options.random ?? Math.random,
  };

  // The pusher and the status need the scheduler's retry and the pusher's backoff: both are
  // read only once the engine runs, after every part below exists.
  const status = createSyncStatus({
    client,
    store,
    windowDays,
    now,
    log,
    nextPushDueAt: () => pusher.dueAt(),
  });
  const record = status.record;
  const pusher = createOutboxPusher({
    client,
    store,
    now,
    log,
    record,
    ...backoffOptions,
    retryLater: () => scheduler.retryPush(),
    kioskProblem: status.hasKioskProblem,
  });
  const leases = createLeaseKeeper({
    client,
    store,
    kioskId,
    timeZone,
    topUpRatio: options.leaseTopUpRatio ?? 0.25,
    now,
    log,
    record,
    ...backoffOptions,
    changed: status.publish,
  });
  const puller = createAppointmentPuller({
    client,
    store,
    timeZone,
    windowDays,
    ...(options.pageLimit !== undefined ? { pageLimit: options.pageLimit } : {}),
    now,
    log,
  });
  const remoteSettings = createRemoteSettings({ client, store, kioskId, log, record });
  const heartbeat = createHeartbeat({
    client,
    store,
    kioskId,
    heartbeat: options.heartbeat,
    status,
    remoteSettings,
    now,
    log,
  });
  const scheduler = createScheduler({
    run: createSyncRun({ status, puller, leases, pusher, log }),
    pollSeconds: options.pollSeconds,
    pushDueAt: pusher.dueAt,
    nowMs: () => now().getTime(),
    ...backoffOptions,
  });

  return {
    start() {
      if (scheduler.isRunning()) return;
      status.publish();
      scheduler.start();
      heartbeat.start();
    },
    async stop() {
      heartbeat.stop();
      await scheduler.stop();
      await leases.settle();
    },
    syncNow: scheduler.syncNow,
    requestPush() {
      status.publish(); // the pending count just grew
      scheduler.requestPush();
    },
    ensureLease: leases.ensureLease,
    heartbeatNow: heartbeat.beat,
    onHeartbeatAnswer: heartbeat.onAnswer,
    getStatus: status.get,
    onStatusChange: status.onChange,
    listSetAside: (limit) => store.outbox.listSetAside(limit),
    resend(ticketId) {
      const entry = store.outbox.findSetAside(ticketId);
      if (!entry || !store.outbox.requeue(ticketId)) return false;
      log(
        `sync: ticket ${entry.ticketNumber} queued again for the town hall (was: ${entry.reason})`,
      );
      status.publish();
      scheduler.requestPush();
      return true;
    },
    onProgress: puller.onProgress,
    getRemoteSettings: remoteSettings.current,
    onRemoteSettings: remoteSettings.onApplied,
  };
}
