/**
 * What the technician's on-device statistics read and the two things they count themselves:
 * refused check-ins per day and reason, and the printer's faults. Counts and codes only: no
 * scan, no booking, no person (docs/data-protection.md). Kept as long as tickets are.
 */
import type { SqliteDatabase } from './database';

/** A ticket as statistics see it: when, for which service, with an appointment or not. */
export interface TicketFact {
  localDay: string;
  issuedAt: string;
  serviceId: string;
  walkIn: boolean;
}

export interface DayCount {
  localDay: string;
  key: string;
  count: number;
}

export interface PrinterFaultRecord {
  state: string;
  at: string;
}

function prepareStatements(db: SqliteDatabase) {
  return {
    countRefusal: db.prepare(
      `INSERT INTO refusal_counts (local_day, code, count) VALUES (?, ?, 1)
       ON CONFLICT (local_day, code) DO UPDATE SET count = count + 1`,
    ),
    insertFault: db.prepare(`INSERT INTO printer_faults (state, local_day, at) VALUES (?, ?, ?)`),
    lastFault: db.prepare(`SELECT state, at FROM printer_faults ORDER BY id DESC LIMIT 1`),
    tickets: db.prepare(
      `SELECT local_day, issued_at, service_id, appointment_id IS NULL AS walk_in FROM tickets
       WHERE local_day >= ? ORDER BY issued_at`,
    ),
    refusals: db.prepare(
      `SELECT local_day, code AS key, count FROM refusal_counts WHERE local_day >= ?`,
    ),
    faults: db.prepare(
      `SELECT local_day, state AS key, count(*) AS count FROM printer_faults WHERE local_day >= ?
       GROUP BY local_day, state`,
    ),
    purgeRefusals: db.prepare(`DELETE FROM refusal_counts WHERE local_day < ?`),
    purgeFaults: db.prepare(`DELETE FROM printer_faults WHERE local_day < ?`),
  };
}

interface DayCountRow {
  local_day: string;
  key: string;
  count: number;
}

const toDayCount = (row: DayCountRow): DayCount => ({
  localDay: row.local_day,
  key: row.key,
  count: row.count,
});

export class StatisticsRepository {
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(db: SqliteDatabase) {
    this.statements = prepareStatements(db);
  }

  /** One refused check-in on `localDay` for reason `code`. */
  countRefusal(localDay: string, code: string): void {
    this.statements.countRefusal.run(localDay, code);
  }

  recordPrinterFault(state: string, localDay: string, at: Date): void {
    this.statements.insertFault.run(state, localDay, at.toISOString());
  }

  lastPrinterFault(): PrinterFaultRecord | null {
    return (this.statements.lastFault.get() as PrinterFaultRecord | undefined) ?? null;
  }

  ticketsFrom(fromDay: string): TicketFact[] {
    return (
      this.statements.tickets.all(fromDay) as Array<{
        local_day: string;
        issued_at: string;
        service_id: string;
        walk_in: number;
      }>
    ).map((row) => ({
      localDay: row.local_day,
      issuedAt: row.issued_at,
      serviceId: row.service_id,
      walkIn: row.walk_in === 1,
    }));
  }

  refusalsFrom(fromDay: string): DayCount[] {
    return (this.statements.refusals.all(fromDay) as DayCountRow[]).map(toDayCount);
  }

  printerFaultsFrom(fromDay: string): DayCount[] {
    return (this.statements.faults.all(fromDay) as DayCountRow[]).map(toDayCount);
  }

  /** Erases the counts of days before `cutoffDay` (retention, in the caller's transaction). */
  purgeBefore(cutoffDay: string): number {
    return (
      this.statements.purgeRefusals.run(cutoffDay).changes +
      this.statements.purgeFaults.run(cutoffDay).changes
    );
  }
}
