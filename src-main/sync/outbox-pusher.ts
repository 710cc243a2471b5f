/**
 * Delivers the outbox to the town hall strictly in order (a row is not sent before the earlier
 * ones are settled), with Idempotency-Key = ticket id so a retry of a delivered push is harmless.
 * A refusal for good settles the row as a conflict for staff; a failure keeps it pending and
 * waits with backoff; a row the town hall keeps answering with failures is set aside, but never
 * because of an outage or a problem of the kiosk (credential refused, setup mismatch): those hold
 * the queue until they are fixed, and it goes again as soon as the town hall accepts the kiosk.
 */
import { CheckInRequestSchema, WalkInRequestSchema } from '../../src-shared/contract/townhall-api';
import type { Backend } from '../backend/backend';
import { BackendError } from '../backend/backend-error';
import { errorText } from '../logging/error-text';
import type { ConflictKind } from '../store/conflict-repository';
import type { OutboxEntry } from '../store/outbox-repository';
import type { Store } from '../store/store';
import { Backoff, type BackoffPolicy } from './backoff';
import type { RequestTrack } from './connectivity';
import { conflictKindOf, isOutage, kioskProblemOf } from './failure-kinds';
import type { SyncReport } from './sync-report';

const PUSH_BATCH = 50;
/** Answered failures of one outbox row before it is set aside (hours, with the backoff). */
export const MAX_ANSWERED_ATTEMPTS = 12;

export interface OutboxPusherOptions {
  client: Pick<Backend, 'postCheckIn' | 'postWalkIn'>;
  store: Pick<Store, 'outbox' | 'conflicts' | 'transaction'>;
  now: () => Date;
  log: (line: string) => void;
  record: (track: RequestTrack, error?: unknown) => void;
  backoff: BackoffPolicy;
  random: () => number;
  /** A push failed: it is to be retried once the backoff is over. */
  retryLater: () => void;
  /** True while the town hall answers with a problem of the kiosk (./kiosk-problems.ts). */
  kioskProblem: () => boolean;
}

export function createOutboxPusher(options: OutboxPusherOptions) {
  const { client, store, now, log, record } = options;
  const backoff = new Backoff(options.backoff, () => now().getTime(), options.random);
  // The queue waits for a kiosk problem to be fixed: once it is, it goes without its backoff.
  let heldByKioskProblem = false;
  const ready = (): boolean => backoff.ready() || (heldByKioskProblem && !options.kioskProblem());

  /** A refused row is kept with its reason, for staff, and never sent again. */
  function settleRejected(entry: OutboxEntry, kind: ConflictKind, reason: string): void {
    const payload = entry.payload as { ticketNumber?: unknown };
    const number = typeof payload?.ticketNumber === 'string' ? payload.ticketNumber : '?';
    store.transaction(() => {
      store.outbox.markRejected(entry.seq, reason, now());
      store.conflicts.record(entry.ticketId, number, kind, reason, now());
    });
    log(`sync: outbox #${entry.seq} (ticket ${number}) rejected for good (${kind}): ${reason}`);
  }

  /** Sends one row; false when the row cannot be sent (invalid locally, or no such capability). */
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

  /** Settles one row that could not be delivered; true when the queue may go on past it. */
  function settleFailure(entry: OutboxEntry, error: unknown, report: SyncReport): boolean {
    const kioskProblem = kioskProblemOf(error) !== null;
    heldByKioskProblem = kioskProblem;
    if (error instanceof BackendError && error.permanent) {
      settleRejected(entry, conflictKindOf(error), error.message);
      backoff.succeeded();
      report.rejected += 1;
      return true;
    }
    // The town hall answers, but never with a success, time after time: the row is set aside
    // for staff rather than holding back every check-in behind it. An outage (unreachable,
    // 502/503/504, 429) never does this: it ends by itself; nor does a problem of the kiosk
    // (401, 403, setup): it says nothing about this row, and every row would follow it.
    const answered = error instanceof BackendError && !isOutage(error) && !kioskProblem;
    if (answered && entry.answeredFailures + 1 >= MAX_ANSWERED_ATTEMPTS) {
      settleRejected(
        entry,
        'gave-up',
        `${errorText(error)} (${entry.answeredFailures + 1} answered attempts)`,
      );
      report.rejected += 1;
      return true;
    }
    // Not delivered: the row stays pending, and nothing after it is sent before it (the
    // Idempotency-Key makes a retry of a push that did arrive harmless).
    store.outbox.markFailed(entry.seq, errorText(error), answered);
    backoff.failed();
    options.retryLater();
    return false;
  }

  return {
    /** Pushes what is pending now, in order; throws the failure that stopped the queue. */
    async push(report: SyncReport): Promise<void> {
      // Bounded by what is pending now; rows committed meanwhile go in the next run.
      let budget = store.outbox.pendingCount();
      while (budget > 0) {
        const batch = store.outbox.pending(Math.min(PUSH_BATCH, budget));
        if (batch.length === 0) return;
        for (const entry of batch) {
          budget -= 1;
          try {
            if (!(await send(entry))) {
              settleRejected(
                entry,
                'rejected',
                `invalid ${entry.kind} payload in the local outbox`,
              );
              report.rejected += 1;
              continue;
            }
            store.outbox.markDelivered(entry.seq, now());
            record('push');
            backoff.succeeded();
            heldByKioskProblem = false;
            report.delivered += 1;
          } catch (error) {
            record('push', error);
            if (!settleFailure(entry, error, report)) throw error;
          }
        }
      }
    },
    /** True unless a failed push is waiting out its backoff (or a kiosk problem not yet fixed). */
    ready,
    /** When a failed push may be retried (ms since the epoch), or null when it may go now. */
    dueAt: (): number | null => (ready() ? null : backoff.dueAt()),
  };
}

export type OutboxPusher = ReturnType<typeof createOutboxPusher>;
