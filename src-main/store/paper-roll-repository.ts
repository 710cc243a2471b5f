/**
 * The paper roll in the printer, for the technician's paper estimate: when the technician last
 * said it was changed, and what was printed on it since (tickets, and the paper every job fed).
 * One row, no personal data.
 */
import type { SqliteDatabase } from './database';

export interface PaperRoll {
  /** When the technician said the paper was changed, ISO 8601; null: never on this kiosk. */
  changedAt: string | null;
  tickets: number;
  usedMm: number;
}

export class PaperRollRepository {
  private readonly statements;

  constructor(db: SqliteDatabase) {
    this.statements = {
      roll: db.prepare(`SELECT changed_at, tickets, used_mm FROM paper_roll WHERE id = 1`),
      printed: db.prepare(
        `UPDATE paper_roll SET tickets = tickets + ?, used_mm = used_mm + ? WHERE id = 1`,
      ),
      changed: db.prepare(
        `UPDATE paper_roll SET changed_at = ?, tickets = 0, used_mm = 0 WHERE id = 1`,
      ),
    };
  }

  current(): PaperRoll {
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

  /** A new roll is in: the counter starts again. */
  changed(now: Date): PaperRoll {
    this.statements.changed.run(now.toISOString());
    return this.current();
  }
}
