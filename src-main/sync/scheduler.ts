/**
 * When sync runs happen. Runs never overlap: `syncNow`, `requestPush`, the poll timer and the
 * retry timer share one queue, and a request made while a run waits to start joins it (taking
 * the larger kind). The poll comes every `pollSeconds()` (read each time it is armed), sooner
 * after a failed run; a failed push is retried by its own timer once its backoff is over.
 */
import { Backoff, type BackoffPolicy } from './backoff';
import type { SyncReport } from './sync-report';

/**
 * 'full': everything now (syncNow); 'poll': the same from the timer, but a push still waiting out
 * its backoff is left to the retry timer; 'push': leases and outbox only.
 */
export type RunKind = 'full' | 'poll' | 'push';
const RUN_RANK: Record<RunKind, number> = { push: 0, poll: 1, full: 2 };

/** After a failed run, poll again sooner (with backoff), but never later than the poll period. */
export function nextPollDelayMs(
  pollSeconds: number,
  failedRuns: number,
  retryDueAtMs: number | null,
  nowMs: number,
): number {
  const periodMs = pollSeconds * 1000;
  if (failedRuns === 0) return periodMs;
  return Math.min(periodMs, Math.max(0, (retryDueAtMs ?? nowMs) - nowMs));
}

export interface SchedulerOptions {
  /** One run; never rejects. */
  run: (kind: RunKind) => Promise<SyncReport>;
  pollSeconds: () => number;
  /** When a failed push may be retried (ms since the epoch), or null when it may go now. */
  pushDueAt: () => number | null;
  nowMs: () => number;
  /** Backoff of failed runs. */
  backoff: BackoffPolicy;
  random: () => number;
}

interface QueuedRun {
  kind: RunKind;
  promise?: Promise<SyncReport>;
}

export function createScheduler(options: SchedulerOptions) {
  const { nowMs } = options;
  const runBackoff = new Backoff(options.backoff, nowMs, options.random);
  let running = false;
  let pollTimer: NodeJS.Timeout | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let inFlight: Promise<SyncReport> | null = null;
  let queued: QueuedRun | null = null;
  // Bumped by start/stop so that a run finishing after a restart cannot arm a second timer.
  let generation = 0;

  async function run(kind: RunKind): Promise<SyncReport> {
    const report = await options.run(kind);
    if (kind !== 'push') {
      if (report.ok) runBackoff.succeeded();
      else runBackoff.failed();
    }
    return report;
  }

  /** Queues a run after the one in flight; a request for a run already queued joins it. */
  function schedule(kind: RunKind): Promise<SyncReport> {
    if (queued?.promise) {
      if (RUN_RANK[kind] > RUN_RANK[queued.kind]) queued.kind = kind;
      return queued.promise;
    }
    const previous = inFlight ?? Promise.resolve();
    const entry: QueuedRun = { kind };
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

  function armPoll(forGeneration: number): void {
    if (!running || forGeneration !== generation) return;
    const delayMs = nextPollDelayMs(
      options.pollSeconds(),
      runBackoff.failures,
      runBackoff.dueAt(),
      nowMs(),
    );
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
    const due = options.pushDueAt();
    const delayMs = due === null ? 0 : Math.max(0, due - nowMs());
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (running) void schedule('push');
    }, delayMs);
    retryTimer.unref();
  }

  return {
    isRunning: (): boolean => running,
    /** Polls now, then every period. */
    start(): void {
      if (running) return;
      running = true;
      generation += 1;
      tick(generation);
    },
    /** Stops the timers and waits for the queued run and the one in flight. */
    async stop(): Promise<void> {
      running = false;
      generation += 1;
      for (const timer of [pollTimer, retryTimer]) if (timer) clearTimeout(timer);
      pollTimer = retryTimer = null;
      await (queued?.promise ?? inFlight ?? Promise.resolve());
    },
    /** A full run as soon as the current one (if any) ends. */
    syncNow: (): Promise<SyncReport> => schedule('full'),
    /** A push run soon; while a failed push waits out its backoff, the retry timer sends it. */
    requestPush(): void {
      if (options.pushDueAt() !== null) {
        armRetry();
        return;
      }
      void schedule('push');
    },
    /** A push failed: retry it once its backoff is over. */
    retryPush: armRetry,
  };
}
