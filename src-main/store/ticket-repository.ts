/** Tickets and their daily counters. Allocation and insertion happen inside the caller's transaction. */
import type { PrintFailure, PrintStatus } from '../../src-shared/contract/ipc';
import { formatTicketNumber, MAX_DAILY_COUNTER } from '../../src-shared/domain/ticket-number';
import type { SqliteDatabase } from './database';

export interface TicketRecord {
  id: string;
  number: string;
  localDay: string;
  serviceId: string;
  appointmentId: string | null;
  appointmentTime: string | null;
  issuedAt: string;
  printStatus: PrintStatus;
  printFailure: PrintFailure | null;
  printAttempts: number;
  reprints: number;
}

export interface PrintFailureRecord {
  ticketId: string;
  ticketNumber: string;
  failure: PrintFailure;
  detail: string;
  at: string;
}

interface TicketRow {
  id: string;
  number: string;
  local_day: string;
  service_id: string;
  appointment_id: string | null;
  appointment_time: string | null;
  issued_at: string;
  print_status: string;
  print_failure: string | null;
  print_attempts: number;
  reprints: number;
}

const toTicket = (row: TicketRow): TicketRecord => ({
  id: row.id,
  number: row.number,
  localDay: row.local_day,
  serviceId: row.service_id,
  appointmentId: row.appointment_id,
  appointmentTime: row.appointment_time,
  issuedAt: row.issued_at,
  printStatus: row.print_status as PrintStatus,
  printFailure: row.print_failure as PrintFailure | null,
  printAttempts: row.print_attempts,
  reprints: row.reprints,
});

/** A ticket that did not print may be printed once more; a printed one never again. */
export const MAX_REPRINTS = 1;

export class DailyLimitReachedError extends Error {
  constructor(readonly serviceId: string) {
    super(`Daily ticket limit of ${MAX_DAILY_COUNTER} reached for service ${serviceId}`);
  }
}

export interface NewTicket {
  id: string;
  localDay: string;
  serviceId: string;
  servicePrefix: string;
  appointmentId: string | null;
  appointmentTime: string | null;
  issuedAt: Date;
}

function prepareStatements(db: SqliteDatabase) {
  return {
    nextCounter: db.prepare(
      `INSERT INTO ticket_counters (local_day, service_id, last_counter) VALUES (?, ?, 1)
       ON CONFLICT (local_day, service_id) DO UPDATE SET last_counter = last_counter + 1
       RETURNING last_counter`,
    ),
    insert: db.prepare(
      `INSERT INTO tickets (id, number, local_day, service_id, appointment_id, appointment_time,
         issued_at, print_status)
       VALUES (@id, @number, @localDay, @serviceId, @appointmentId, @appointmentTime, @issuedAt,
         'pending')`,
    ),
    byId: db.prepare(`SELECT * FROM tickets WHERE id = ?`),
    byAppointment: db.prepare(`SELECT * FROM tickets WHERE appointment_id = ?`),
    printOutcome: db.prepare(
      `UPDATE tickets SET print_status = ?, print_failure = ?, print_attempts = print_attempts + 1
       WHERE id = ?`,
    ),
    countOnDay: db.prepare(`SELECT count(*) AS n FROM tickets WHERE local_day = ?`),
    claimReprint: db.prepare(
      `UPDATE tickets SET reprints = reprints + 1
       WHERE id = ? AND reprints < ? AND print_status = 'failed'`,
    ),
    insertFailure: db.prepare(
      `INSERT INTO print_failures (ticket_id, failure, detail, at) VALUES (?, ?, ?, ?)`,
    ),
    recentFailures: db.prepare(
      `SELECT f.ticket_id, t.number, f.failure, f.detail, f.at FROM print_failures f
       JOIN tickets t ON t.id = f.ticket_id ORDER BY f.id DESC LIMIT ?`,
    ),
  };
}

export class TicketRepository {
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(private readonly db: SqliteDatabase) {
    this.statements = prepareStatements(db);
  }

  /**
   * Allocates the next number of the service's day and inserts the ticket. Must run inside a
   * transaction so that a failure later in the check-in also returns the number.
   */
  insertWithNextNumber(ticket: NewTicket): TicketRecord {
    if (!this.db.inTransaction) throw new Error('insertWithNextNumber needs a transaction');
    const { last_counter: counter } = this.statements.nextCounter.get(
      ticket.localDay,
      ticket.serviceId,
    ) as { last_counter: number };
    if (counter > MAX_DAILY_COUNTER) throw new DailyLimitReachedError(ticket.serviceId);
    const number = formatTicketNumber(ticket.servicePrefix, counter);
    this.statements.insert.run({
      id: ticket.id,
      number,
      localDay: ticket.localDay,
      serviceId: ticket.serviceId,
      appointmentId: ticket.appointmentId,
      appointmentTime: ticket.appointmentTime,
      issuedAt: ticket.issuedAt.toISOString(),
    });
    return this.get(ticket.id) as TicketRecord;
  }

  get(id: string): TicketRecord | undefined {
    const row = this.statements.byId.get(id) as TicketRow | undefined;
    return row ? toTicket(row) : undefined;
  }

  findByAppointment(appointmentId: string): TicketRecord | undefined {
    const row = this.statements.byAppointment.get(appointmentId) as TicketRow | undefined;
    return row ? toTicket(row) : undefined;
  }

  recordPrintOutcome(id: string, status: PrintStatus, failure: PrintFailure | null): void {
    this.statements.printOutcome.run(status, failure, id);
  }

  /**
   * Takes the ticket's one reprint, atomically: true only for an unprinted ticket whose reprint
   * is still unused, so two taps (or two screens) cannot print the same number twice.
   */
  claimReprint(id: string): boolean {
    return this.statements.claimReprint.run(id, MAX_REPRINTS).changes === 1;
  }

  /** Keeps what went wrong with a print, for diagnostics (no personal data: number and reason). */
  recordPrintFailure(id: string, failure: PrintFailure, detail: string, now: Date): void {
    this.statements.insertFailure.run(id, failure, detail.slice(0, 500), now.toISOString());
  }

  recentPrintFailures(limit = 50): PrintFailureRecord[] {
    return (
      this.statements.recentFailures.all(limit) as Array<{
        ticket_id: string;
        number: string;
        failure: string;
        detail: string;
        at: string;
      }>
    ).map((row) => ({
      ticketId: row.ticket_id,
      ticketNumber: row.number,
      failure: row.failure as PrintFailure,
      detail: row.detail,
      at: row.at,
    }));
  }

  countOnDay(localDay: string): number {
    return (this.statements.countOnDay.get(localDay) as { n: number }).n;
  }
}
