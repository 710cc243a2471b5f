/**
 * The town hall's last wait estimate per service, and a new ticket's place worked out from it
 * (docs/sync.md, "Estimated wait"). The town hall's waiting count lacks this kiosk's tickets it
 * had not received when it answered; those are added when the estimate is kept. Tickets this
 * kiosk issues afterwards are counted at issue time. Calls made since are not known here: the
 * figure errs on the long side until the next pull, and an old estimate is not used at all.
 */
import type { WaitEstimates } from '../../src-shared/contract/townhall-api';
import type { SqliteDatabase } from './database';

/** A ticket's place in its service's queue, as the kiosk can tell it. */
export interface KioskTicketWait {
  peopleAhead: number;
  estimatedWaitMinutes: number;
}

interface EstimateRow {
  local_day: string;
  waiting_before: number;
  appointments_before: number;
  minutes_per_turn: number;
  received_at: string;
}

function prepareStatements(db: SqliteDatabase) {
  // This kiosk's tickets of the day still on their way to the town hall (not delivered, not
  // refused for good): the town hall's count does not hold them yet.
  const undelivered = `FROM tickets t JOIN outbox o ON o.ticket_id = t.id
     WHERE t.local_day = ? AND t.service_id = ? AND o.delivered_at IS NULL
       AND o.rejected_at IS NULL`;
  return {
    forgetAll: db.prepare(`DELETE FROM wait_estimates`),
    undelivered: db.prepare(
      `SELECT count(*) AS n, count(t.appointment_id) AS appointments ${undelivered}`,
    ),
    insert: db.prepare(
      `INSERT INTO wait_estimates (service_id, local_day, waiting_before, appointments_before,
         minutes_per_turn, computed_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    get: db.prepare(`SELECT * FROM wait_estimates WHERE service_id = ?`),
    // Own tickets issued after the estimate arrived and up to this one (itself left out).
    issuedSince: db.prepare(
      `SELECT count(*) AS n, count(appointment_id) AS appointments FROM tickets
       WHERE local_day = ? AND service_id = ? AND issued_at > ? AND issued_at <= ? AND id <> ?`,
    ),
  };
}

interface Counts {
  n: number;
  appointments: number;
}

export class WaitEstimateRepository {
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly record: (estimates: WaitEstimates, localDay: string, at: string) => void;

  constructor(db: SqliteDatabase) {
    const statements = prepareStatements(db);
    this.statements = statements;
    this.record = db.transaction((estimates: WaitEstimates, localDay: string, at: string) => {
      statements.forgetAll.run();
      for (const service of estimates.services) {
        const own = statements.undelivered.get(localDay, service.serviceId) as Counts;
        statements.insert.run(
          service.serviceId,
          localDay,
          service.waiting + own.n,
          service.waitingAppointments + own.appointments,
          service.minutesPerTurn,
          estimates.computedAt,
          at,
        );
      }
    });
  }

  /**
   * Keeps the town hall's estimate (replacing the last one) for the kiosk's day. Call right
   * after the answer arrives: tickets delivered by then are in the town hall's count.
   */
  recordTownHallEstimate(estimates: WaitEstimates, localDay: string, now: Date): void {
    this.record(estimates, localDay, now.toISOString());
  }

  /**
   * A ticket's people ahead and estimated wait from the estimate kept for its service: null
   * without one for its day, or when it was received more than `maxAgeMs` before `now`. An
   * appointment ticket waits behind the appointments only (they are called before walk-ins);
   * a walk-in behind everyone.
   */
  waitOf(
    ticket: {
      id: string;
      serviceId: string;
      localDay: string;
      appointmentId: string | null;
      issuedAt: string;
    },
    now: Date,
    maxAgeMs: number,
  ): KioskTicketWait | null {
    const row = this.statements.get.get(ticket.serviceId) as EstimateRow | undefined;
    if (!row || row.local_day !== ticket.localDay) return null;
    const age = now.getTime() - Date.parse(row.received_at);
    if (!(age >= 0 && age <= maxAgeMs)) return null;
    const since = this.statements.issuedSince.get(
      ticket.localDay,
      ticket.serviceId,
      row.received_at,
      ticket.issuedAt,
      ticket.id,
    ) as Counts;
    const appointment = ticket.appointmentId !== null;
    const peopleAhead = appointment
      ? row.appointments_before + since.appointments
      : row.waiting_before + since.n;
    return {
      peopleAhead,
      estimatedWaitMinutes: Math.round(peopleAhead * row.minutes_per_turn),
    };
  }
}
