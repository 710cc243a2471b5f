/**
 * The rows the office statistics are computed from (server/statistics/): one narrow row per
 * ticket of a site's range of local days, with its appointment's start. The same plain SELECT
 * on SQLite and PostgreSQL; every figure is then computed in TypeScript, so both dialects agree
 * by construction (no percentile or time-zone functions in SQL).
 */
import { sql } from 'kysely';
import type { TicketFacts } from '../statistics/ticket-facts';
import { allRows, type Connection } from './connection';

interface FactsRow {
  service_id: string;
  kind: TicketFacts['kind'];
  local_day: string;
  issued_at_ms: number;
  starts_at: string | null;
  called_at_ms: number | null;
  desk: string | null;
  finished_at_ms: number | null;
  outcome: TicketFacts['outcome'];
}

/** null stays null; an epoch number (a string from some drivers) becomes a number. */
const epochMs = (value: number | string | null): number | null =>
  value === null ? null : Number(value);

export class StatisticsRepository {
  constructor(private readonly connection: Connection) {}

  /** Every ticket of the site from `fromDay` to `toDay` (site-local days, both included). */
  async ticketFacts(siteId: string, fromDay: string, toDay: string): Promise<TicketFacts[]> {
    const rows = await allRows(
      this.connection,
      sql<FactsRow>`SELECT t.service_id, t.kind, t.local_day, t.issued_at_ms,
          a.starts_at, t.called_at_ms, t.desk, t.finished_at_ms, t.outcome
        FROM tickets t LEFT JOIN appointments a ON a.id = t.appointment_id
        WHERE t.site_id = ${siteId} AND t.local_day >= ${fromDay} AND t.local_day <= ${toDay}
        ORDER BY t.issued_at_ms, t.ticket_id`,
    );
    return rows.map((row) => ({
      serviceId: row.service_id,
      kind: row.kind,
      localDay: row.local_day,
      issuedAtMs: Number(row.issued_at_ms),
      appointmentStartsAtMs: row.starts_at === null ? null : Date.parse(row.starts_at),
      calledAtMs: epochMs(row.called_at_ms),
      desk: row.desk,
      finishedAtMs: epochMs(row.finished_at_ms),
      outcome: row.outcome,
    }));
  }
}
