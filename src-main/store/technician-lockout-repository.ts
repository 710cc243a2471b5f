/** The PIN lockout's state in the kiosk store, so that restarting the kiosk does not reset it. */
import type { SqliteDatabase } from './database';

export interface LockoutRecord {
  /** Wrong PINs in a row since the last right one (or the last lockout). */
  failures: number;
  /** Until when the mode is locked (epoch ms); null when it is not. */
  lockedUntil: number | null;
}

interface LockoutRow {
  failures: number;
  locked_until: string | null;
}

export class TechnicianLockoutRepository {
  private readonly statements;

  constructor(db: SqliteDatabase) {
    this.statements = {
      get: db.prepare(`SELECT failures, locked_until FROM technician_lockout WHERE id = 1`),
      put: db.prepare(
        `INSERT INTO technician_lockout (id, failures, locked_until) VALUES (1, @failures, @lockedUntil)
         ON CONFLICT (id) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until`,
      ),
    };
  }

  load(): LockoutRecord {
    const row = this.statements.get.get() as LockoutRow | undefined;
    if (!row) return { failures: 0, lockedUntil: null };
    const until = row.locked_until === null ? null : Date.parse(row.locked_until);
    return {
      failures: row.failures,
      lockedUntil: until === null || Number.isNaN(until) ? null : until,
    };
  }

  save(record: LockoutRecord): void {
    this.statements.put.run({
      failures: record.failures,
      lockedUntil: record.lockedUntil === null ? null : new Date(record.lockedUntil).toISOString(),
    });
  }
}
