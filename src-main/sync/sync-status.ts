/**
 * How the kiosk's sync is doing, as staff and the screen see it: connectivity from the outcome
 * of every request, when the cache was last brought up to date, the last error, a problem of the
 * kiosk the town hall answers with (credential, setup), the outbox, the kiosk clock's skew
 * against the town hall's. Tells listeners and the log only of changes worth telling.
 */
import { Emitter } from '../../src-shared/common/emitter';
import type { AuthProblem } from '../../src-shared/contract/townhall-api';
import type { Backend } from '../backend/backend';
import { BackendError } from '../backend/backend-error';
import type { OutboxRepository } from '../store/outbox-repository';
import type { SyncStateRepository } from '../store/sync-state-repository';
import { ConnectivityTracker, type Connectivity, type RequestTrack } from './connectivity';
import { kioskProblemOf } from './failure-kinds';
import { KioskProblems } from './kiosk-problems';
import { notifySafely } from './notify';

/** A skew of the kiosk clock beyond this is reported (status + log), never acted on. */
export const CLOCK_SKEW_LIMIT_MS = 2 * 60_000;

export interface SyncStatus {
  /**
   * `degraded`, never `online`, while the town hall answers with a problem of the kiosk
   * (`authProblem`, or a setup mismatch): it answers, but the kiosk cannot sync.
   */
  connectivity: Connectivity;
  /**
   * The town hall refuses this kiosk's credential (401 `unauthorized`) or some of its requests
   * (403 `forbidden`): the outbox is held (nothing is set aside) until it accepts them again.
   */
  authProblem: AuthProblem | null;
  /** When the cache was last brought up to date (site and appointments pulled), ISO 8601. */
  lastSuccessAt: string | null;
  /** When the town hall last answered anything, ISO 8601. */
  lastContactAt: string | null;
  pendingOutbox: number;
  /** Outbox rows set aside (refused for good, or given up on): kept for staff to resend. */
  setAsideOutbox: number;
  /**
   * The kiosk problem the town hall answers with, when there is one; else why the last run
   * failed, or its first failure (no personal data); null after a success.
   */
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

/**
 * What identifies a status for "has it changed": offsets jitter, rates drift, contact times move
 * on every answer, so those are left out.
 */
export function statusChangeKey(status: SyncStatus): string {
  return JSON.stringify({
    ...status,
    clockOffsetMs: null,
    errorRate: null,
    lastContactAt: null,
    nextPushAt: null,
  });
}

export const isClockSkewed = (offsetMs: number | null): boolean =>
  offsetMs !== null && Math.abs(offsetMs) > CLOCK_SKEW_LIMIT_MS;

export interface SyncStatusOptions {
  client: Pick<Backend, 'clockOffsetMs'>;
  store: {
    outbox: Pick<OutboxRepository, 'pendingCount' | 'setAsideCount'>;
    syncState: Pick<SyncStateRepository, 'get' | 'set'>;
  };
  /** When a failed push will be retried (ms since the epoch), or null when none waits. */
  nextPushDueAt: () => number | null;
  /** Days pulled, for the "online" log line. */
  windowDays: number;
  now: () => Date;
  log: (line: string) => void;
}

export function createSyncStatus(options: SyncStatusOptions) {
  const { client, store, now, log } = options;
  const tracker = new ConnectivityTracker();
  const problems = new KioskProblems();
  const changed = new Emitter<SyncStatus>();
  let lastError: string | null = null;
  let lastSuccessAt: string | null = store.syncState.get('last-success-at') ?? null;
  let lastContactAt: string | null = null;
  let loggedConnectivity: Connectivity = 'connecting';
  let clockSkewed = false;
  let lastPublished = '';

  function connectivity(): Connectivity {
    const state = tracker.state();
    return state === 'online' && problems.current() !== null ? 'degraded' : state;
  }

  function get(): SyncStatus {
    const due = options.nextPushDueAt();
    return {
      connectivity: connectivity(),
      authProblem: problems.authProblem(),
      lastSuccessAt,
      lastContactAt,
      pendingOutbox: store.outbox.pendingCount(),
      setAsideOutbox: store.outbox.setAsideCount(),
      lastError: problems.current()?.message ?? lastError,
      clockOffsetMs: client.clockOffsetMs(),
      clockSkewed,
      errorRate: tracker.errorRate(),
      nextPushAt:
        due !== null && store.outbox.pendingCount() > 0 ? new Date(due).toISOString() : null,
    };
  }

  function checkClock(): void {
    const offset = client.clockOffsetMs();
    const skewed = isClockSkewed(offset);
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

  /** One log line when the kiosk problem appears, changes kind or ends. */
  function logProblem(before: string | null): void {
    const problem = problems.current();
    if ((problem?.kind ?? null) === before) return;
    log(
      problem
        ? `sync: ${problem.message}; the outbox is held (nothing is set aside) until it is fixed`
        : 'sync: the town hall accepts this kiosk again; the held outbox goes now',
    );
  }

  return {
    get,
    onChange: changed.event,
    connectivity,
    /** True while the town hall answers with a problem of the kiosk (credential, setup). */
    hasKioskProblem: (): boolean => problems.current() !== null,

    /** A full run begins: kinds of request not tried since no longer count. */
    beginRound(): void {
      tracker.beginRound(now().getTime());
    },

    /**
     * One request's outcome: answered (even with a refusal, or with a problem of the kiosk: the
     * link works) or failed.
     */
    record(track: RequestTrack, error?: unknown): void {
      const problem = error === undefined ? null : kioskProblemOf(error);
      const before = problems.current()?.kind ?? null;
      if (error === undefined) problems.succeeded(track);
      else if (problem) problems.failed(track, problem);
      logProblem(before);
      const failed =
        error !== undefined &&
        problem === null &&
        !(error instanceof BackendError && error.permanent);
      tracker.record(track, !failed, now().getTime());
      if (!failed || (error instanceof BackendError && error.kind === 'http')) {
        lastContactAt = now().toISOString();
      }
      checkClock();
    },

    /** A run ended: with its first failure, or null when it succeeded. */
    runEnded(error: string | null): void {
      lastError = error;
    },

    /** The cache was brought up to date (site and appointments pulled). */
    upToDate(): void {
      lastSuccessAt = now().toISOString();
      store.syncState.set('last-success-at', lastSuccessAt);
    },

    /** One log line when connectivity changed. */
    logConnectivity(): void {
      const state = connectivity();
      if (state === loggedConnectivity) return;
      loggedConnectivity = state;
      log(
        state === 'online'
          ? `sync: online (window ${options.windowDays} days from today)`
          : `sync: ${state}: ${get().lastError ?? tracker.describe()}`,
      );
    },

    /** Tells listeners the status, when it changed in a way worth telling. */
    publish(): void {
      const status = get();
      const key = statusChangeKey(status);
      if (key === lastPublished) return;
      lastPublished = key;
      notifySafely(changed, status, 'status', log);
    },
  };
}

export type SyncStatusKeeper = ReturnType<typeof createSyncStatus>;
