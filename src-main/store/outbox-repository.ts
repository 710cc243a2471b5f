/** Messages for the town hall, written in the same transaction as the ticket they report. */
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

interface OutboxRow {
  seq: number;
  ticket_id: string;
  kind: string;
  payload_json: string;
  attempts: number;
  answered_failures: number;
}

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

  /** The town hall refused this entry for good: it is kept, with the reason, and not sent again. */
  markRejected(seq: number, reason: string, now: Date): void {
    this.statements.rejected.run(now.toISOString(), reason.slice(0, 500), seq);
  }

  /** How often the oldest pending row has been tried and failed (drives the backoff). */
  headAttempts(): number {
    return this.pending(1)[0]?.attempts ?? 0;
  }

  pendingCount(): number {
    return (this.statements.pendingCount.get() as { n: number }).n;
  }
}
