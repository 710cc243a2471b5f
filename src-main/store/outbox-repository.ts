/**
 * Messages for the town hall, written in the same transaction as the ticket they report. A row
 * is pending until delivered, or set aside (rejected) when the town hall refused it for good or
 * the engine gave up on it; a set-aside row is kept, listed for staff and can be queued again.
 */
import type { ConflictKind } from './conflict-repository';
import type { SqliteDatabase } from './database';

export type OutboxKind = 'check-in' | 'walk-in';

export interface OutboxEntry {
  seq: number;
  ticketId: string;
  kind: OutboxKind;
  payload: unknown;
  attempts: number;
  /** Failed attempts the town hall did answer (an unreachable town hall does not count). */
  answeredFailures: number;
}

/** A row set aside, as staff see it: no personal data, the ticket number and the reason. */
export interface SetAsideEntry {
  ticketId: string;
  /** The ticket's printed number (`E-014`), or `?` for a row without its ticket. */
  ticketNumber: string;
  kind: OutboxKind;
  /** Why: the town hall's refusal, or the last failure before the engine gave up. */
  reason: string;
  /** The conflict recorded for the ticket when it was set aside, if any. */
  conflict: ConflictKind | null;
  /** When it was set aside, ISO 8601. */
  setAsideAt: string;
}

const REJECTED_PREFIX = 'rejected: ';

const withoutPrefix = (text: string, prefix: string): string =>
  text.startsWith(prefix) ? text.slice(prefix.length) : text;

interface SetAsideRow {
  ticket_id: string;
  number: string | null;
  kind: string;
  last_error: string | null;
  conflict: string | null;
  rejected_at: string;
}

interface OutboxRow {
  seq: number;
  ticket_id: string;
  kind: string;
  payload_json: string;
  attempts: number;
  answered_failures: number;
}

const SET_ASIDE_SELECT = `SELECT o.ticket_id, t.number, o.kind, o.last_error, o.rejected_at,
    (SELECT c.kind FROM sync_conflicts c
     WHERE c.ticket_id = o.ticket_id AND c.kind <> 'rescheduled'
     ORDER BY c.id DESC LIMIT 1) AS conflict
  FROM outbox o LEFT JOIN tickets t ON t.id = o.ticket_id`;

const toSetAsideEntry = (row: SetAsideRow): SetAsideEntry => ({
  ticketId: row.ticket_id,
  ticketNumber: row.number ?? '?',
  kind: row.kind as OutboxKind,
  reason: withoutPrefix(row.last_error ?? '', REJECTED_PREFIX),
  conflict: row.conflict as ConflictKind | null,
  setAsideAt: row.rejected_at,
});

function prepareStatements(db: SqliteDatabase) {
  return {
    insert: db.prepare(
      `INSERT INTO outbox (ticket_id, kind, payload_json, created_at) VALUES (?, ?, ?, ?)`,
    ),
    pending: db.prepare(
      `SELECT seq, ticket_id, kind, payload_json, attempts, answered_failures FROM outbox
       WHERE delivered_at IS NULL AND rejected_at IS NULL ORDER BY seq LIMIT ?`,
    ),
    delivered: db.prepare(`UPDATE outbox SET delivered_at = ?, last_error = NULL WHERE seq = ?`),
    failed: db.prepare(
      `UPDATE outbox SET attempts = attempts + 1, answered_failures = answered_failures + ?,
         last_error = ? WHERE seq = ?`,
    ),
    pendingCount: db.prepare(
      `SELECT count(*) AS n FROM outbox WHERE delivered_at IS NULL AND rejected_at IS NULL`,
    ),
    rejected: db.prepare(`UPDATE outbox SET rejected_at = ?, last_error = ? WHERE seq = ?`),
    setAsideCount: db.prepare(`SELECT count(*) AS n FROM outbox WHERE rejected_at IS NOT NULL`),
    setAside: db.prepare(
      `${SET_ASIDE_SELECT} WHERE o.rejected_at IS NOT NULL
       ORDER BY o.rejected_at DESC, o.seq DESC LIMIT ?`,
    ),
    setAsideOne: db.prepare(
      `${SET_ASIDE_SELECT} WHERE o.rejected_at IS NOT NULL AND o.ticket_id = ?`,
    ),
    deliveryTimes: db.prepare(
      `SELECT (SELECT min(created_at) FROM outbox
               WHERE delivered_at IS NULL AND rejected_at IS NULL) AS oldest_pending_at,
              (SELECT max(delivered_at) FROM outbox) AS last_delivered_at`,
    ),
    // Back in the queue at its own place (its seq), as if never tried.
    requeue: db.prepare(
      `UPDATE outbox SET rejected_at = NULL, attempts = 0, answered_failures = 0,
         last_error = NULL
       WHERE ticket_id = ? AND rejected_at IS NOT NULL AND delivered_at IS NULL`,
    ),
  };
}

export class OutboxRepository {
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(private readonly db: SqliteDatabase) {
    this.statements = prepareStatements(db);
  }

  add(ticketId: string, kind: OutboxKind, payload: unknown, now: Date): void {
    if (!this.db.inTransaction) throw new Error('outbox rows are written with their ticket');
    this.statements.insert.run(ticketId, kind, JSON.stringify(payload), now.toISOString());
  }

  /** The oldest undelivered entries, in the order they were written. */
  pending(limit = 50): OutboxEntry[] {
    return (this.statements.pending.all(limit) as OutboxRow[]).map((row) => ({
      seq: row.seq,
      ticketId: row.ticket_id,
      kind: row.kind as OutboxKind,
      payload: JSON.parse(row.payload_json) as unknown,
      attempts: row.attempts,
      answeredFailures: row.answered_failures,
    }));
  }

  markDelivered(seq: number, now: Date): void {
    this.statements.delivered.run(now.toISOString(), seq);
  }

  markFailed(seq: number, error: string, answered = false): void {
    this.statements.failed.run(answered ? 1 : 0, error.slice(0, 500), seq);
  }

  /**
   * The town hall refused this entry for good, or the engine gave up on it: it is kept, with the
   * reason, and not sent again unless `requeue`d.
   */
  markRejected(seq: number, reason: string, now: Date): void {
    this.statements.rejected.run(now.toISOString(), (REJECTED_PREFIX + reason).slice(0, 500), seq);
  }

  /** Rows set aside, the latest first. */
  listSetAside(limit = 100): SetAsideEntry[] {
    return (this.statements.setAside.all(limit) as SetAsideRow[]).map(toSetAsideEntry);
  }

  /** The set-aside row of one ticket, if it has one. */
  findSetAside(ticketId: string): SetAsideEntry | undefined {
    const row = this.statements.setAsideOne.get(ticketId) as SetAsideRow | undefined;
    return row ? toSetAsideEntry(row) : undefined;
  }

  setAsideCount(): number {
    return (this.statements.setAsideCount.get() as { n: number }).n;
  }

  /**
   * Puts a set-aside row back in the queue, its counters cleared; false when the ticket has no
   * set-aside row (unknown, pending or delivered).
   */
  requeue(ticketId: string): boolean {
    return this.statements.requeue.run(ticketId).changes === 1;
  }

  /** How often the oldest pending row has been tried and failed (drives the backoff). */
  headAttempts(): number {
    return this.pending(1)[0]?.attempts ?? 0;
  }

  pendingCount(): number {
    return (this.statements.pendingCount.get() as { n: number }).n;
  }

  /** When the oldest pending row was written, and when the town hall last accepted one. */
  deliveryTimes(): { oldestPendingAt: string | null; lastDeliveredAt: string | null } {
    const row = this.statements.deliveryTimes.get() as {
      oldest_pending_at: string | null;
      last_delivered_at: string | null;
    };
    return { oldestPendingAt: row.oldest_pending_at, lastDeliveredAt: row.last_delivered_at };
  }
}
