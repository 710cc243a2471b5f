/**
 * How many tickets a service has given on a day, across the kiosks of the site, for its daily
 * cap. Every kiosk issues tickets, and the town hall counts those it has received: its site info
 * says how many per service (`issuedToday`). Of that count, the tickets this kiosk had already
 * delivered are its own, which it counts itself; the rest were given elsewhere. So the kiosk
 * keeps `town hall's count − its own delivered tickets` per service and day, and the day's total
 * is that plus every ticket of its own (delivered or not). Offline, the part from elsewhere stays
 * as last heard: docs/sync.md says what that means for the cap.
 */
import type { IssuedToday } from '../../src-shared/contract/townhall-api';
import type { SqliteDatabase } from './database';

function prepareStatements(db: SqliteDatabase) {
  return {
    ownDelivered: db.prepare(
      `SELECT t.service_id AS serviceId, count(*) AS n FROM tickets t
       JOIN outbox o ON o.ticket_id = t.id
       WHERE t.local_day = ? AND o.delivered_at IS NOT NULL GROUP BY t.service_id`,
    ),
    ownOnDay: db.prepare(
      `SELECT count(*) AS n FROM tickets WHERE local_day = ? AND service_id = ?`,
    ),
    elsewhere: db.prepare(
      `SELECT issued_elsewhere AS n FROM service_tallies WHERE local_day = ? AND service_id = ?`,
    ),
    forgetUpTo: db.prepare(`DELETE FROM service_tallies WHERE local_day <= ?`),
    insert: db.prepare(
      `INSERT INTO service_tallies (local_day, service_id, issued_elsewhere, updated_at)
       VALUES (?, ?, ?, ?)`,
    ),
  };
}

export class ServiceTallyRepository {
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly record: (issued: IssuedToday, at: string) => void;

  constructor(db: SqliteDatabase) {
    const statements = prepareStatements(db);
    this.statements = statements;
    this.record = db.transaction((issued: IssuedToday, at: string) => {
      const delivered = new Map(
        (statements.ownDelivered.all(issued.day) as { serviceId: string; n: number }[]).map(
          (row) => [row.serviceId, row.n],
        ),
      );
      // A service the answer leaves out has no ticket at the town hall that day.
      statements.forgetUpTo.run(issued.day);
      for (const { serviceId, count } of issued.services) {
        // Never below zero: a ticket recorded as delivered here that the town hall lost
        // (a restore) is still counted once, as this kiosk's own.
        const elsewhere = Math.max(0, count - (delivered.get(serviceId) ?? 0));
        statements.insert.run(issued.day, serviceId, elsewhere, at);
      }
    });
  }

  /**
   * Keeps what the town hall's site info says was issued on its day, as tickets of the other
   * kiosks; earlier days are forgotten. Call right after the answer arrives: this kiosk's
   * tickets delivered by then are in the town hall's count.
   */
  recordTownHallCounts(issued: IssuedToday, now: Date): void {
    this.record(issued, now.toISOString());
  }

  /** The tickets the service gave on `localDay`: this kiosk's and the others' as last heard. */
  issuedOn(localDay: string, serviceId: string): number {
    const own = (this.statements.ownOnDay.get(localDay, serviceId) as { n: number }).n;
    const elsewhere = this.statements.elsewhere.get(localDay, serviceId) as
      { n: number } | undefined;
    return own + (elsewhere?.n ?? 0);
  }
}
