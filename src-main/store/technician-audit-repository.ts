/**
 * The technician mode's audit log (docs/technician.md): one row per entry, wrong PIN, lockout,
 * exit and changed setting. What goes in is decided by `technician/audit-log.ts`, which keeps
 * secrets out; this is only the table.
 */
import type { AuditAction, AuditEntry } from '../../src-shared/contract/technician';
import type { SqliteDatabase } from './database';

export interface AuditRecord {
  at: Date;
  actor: string;
  action: AuditAction;
  path?: string | null;
  from?: string | null;
  to?: string | null;
  detail?: string | null;
}

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  path: string | null;
  old_value: string | null;
  new_value: string | null;
  detail: string | null;
}

const toEntry = (row: AuditRow): AuditEntry => ({
  id: row.id,
  at: row.at,
  actor: row.actor,
  action: row.action as AuditAction,
  path: row.path,
  from: row.old_value,
  to: row.new_value,
  detail: row.detail,
});

export class TechnicianAuditRepository {
  private readonly statements;

  constructor(db: SqliteDatabase) {
    this.statements = {
      insert: db.prepare(
        `INSERT INTO technician_audit (at, actor, action, path, old_value, new_value, detail)
         VALUES (@at, @actor, @action, @path, @from, @to, @detail)`,
      ),
      newest: db.prepare(`SELECT * FROM technician_audit ORDER BY id DESC LIMIT ?`),
      before: db.prepare(`SELECT * FROM technician_audit WHERE id < ? ORDER BY id DESC LIMIT ?`),
      prune: db.prepare(`DELETE FROM technician_audit WHERE at < ?`),
    };
  }

  record(record: AuditRecord): number {
    const result = this.statements.insert.run({
      at: record.at.toISOString(),
      actor: record.actor,
      action: record.action,
      path: record.path ?? null,
      from: record.from ?? null,
      to: record.to ?? null,
      detail: record.detail ?? null,
    });
    return Number(result.lastInsertRowid);
  }

  /** Newest first; `beforeId` pages back. `more`: older entries exist. */
  list(options: { beforeId?: number; limit: number }): { entries: AuditEntry[]; more: boolean } {
    const rows = (
      options.beforeId === undefined
        ? this.statements.newest.all(options.limit + 1)
        : this.statements.before.all(options.beforeId, options.limit + 1)
    ) as AuditRow[];
    return {
      entries: rows.slice(0, options.limit).map(toEntry),
      more: rows.length > options.limit,
    };
  }

  /** Erases the entries older than `cutoff`; returns how many. */
  pruneBefore(cutoff: Date): number {
    return this.statements.prune.run(cutoff.toISOString()).changes;
  }
}
