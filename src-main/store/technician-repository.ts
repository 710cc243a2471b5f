/**
 * What the technician's diagnostics keep: the paper roll in the printer (when it was changed and
 * what was printed on it since) and an audit of technician actions (paper changed, test page,
 * reprint, log export, restart). A detail is a ticket number or a file name: no personal data.
 */
import type { SqliteDatabase } from './database';

export type TechnicianAction =
  | 'paper-changed'
  | 'test-print'
  | 'reprint'
  | 'logs-exported'
  | 'logs-downloaded'
  | 'sync-now'
  | 'restart';

export interface PaperRoll {
  /** When the technician said the paper was changed, ISO 8601; null: never on this kiosk. */
  changedAt: string | null;
  tickets: number;
  usedMm: number;
}

export interface TechnicianActionRecord {
  action: TechnicianAction;
  detail: string;
  at: string;
}

function prepareStatements(db: SqliteDatabase) {
  return {
    roll: db.prepare(`SELECT changed_at, tickets, used_mm FROM paper_roll WHERE id = 1`),
    printed: db.prepare(
      `UPDATE paper_roll SET tickets = tickets + ?, used_mm = used_mm + ? WHERE id = 1`,
    ),
    changed: db.prepare(
      `UPDATE paper_roll SET changed_at = ?, tickets = 0, used_mm = 0 WHERE id = 1`,
    ),
    action: db.prepare(`INSERT INTO technician_actions (action, detail, at) VALUES (?, ?, ?)`),
    recent: db.prepare(
      `SELECT action, detail, at FROM technician_actions ORDER BY id DESC LIMIT ?`,
    ),
    purge: db.prepare(`DELETE FROM technician_actions WHERE at < ?`),
  };
}

export class TechnicianRepository {
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(private readonly db: SqliteDatabase) {
    this.statements = prepareStatements(db);
  }

  paperRoll(): PaperRoll {
    const row = this.statements.roll.get() as {
      changed_at: string | null;
      tickets: number;
      used_mm: number;
    };
    return { changedAt: row.changed_at, tickets: row.tickets, usedMm: row.used_mm };
  }

  /** Paper fed by one job: a ticket or another page (the test page). */
  addPrinted(usedMm: number, kind: 'ticket' | 'page'): void {
    this.statements.printed.run(kind === 'ticket' ? 1 : 0, usedMm);
  }

  /** A new roll is in: the counter starts again, and the change is audited with it. */
  paperChanged(now: Date): PaperRoll {
    this.db.transaction(() => {
      this.statements.changed.run(now.toISOString());
      this.record('paper-changed', '', now);
    })();
    return this.paperRoll();
  }

  record(action: TechnicianAction, detail: string, now: Date): void {
    this.statements.action.run(action, detail.slice(0, 200), now.toISOString());
  }

  recentActions(limit = 50): TechnicianActionRecord[] {
    return this.statements.recent.all(limit) as TechnicianActionRecord[];
  }

  /** Erases the audit before `cutoffAt` (retention, in the caller's transaction). */
  purgeBefore(cutoffAt: string): number {
    return this.statements.purge.run(cutoffAt).changes;
  }
}
