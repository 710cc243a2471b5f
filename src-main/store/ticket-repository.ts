/** Tickets and their daily counters. Allocation and insertion happen inside the caller's transaction. */
import type { PrintFailure, PrintStatus } from '../../src-shared/contract/ipc';
import { formatTicketNumber, MAX_DAILY_COUNTER } from '../../src-shared/domain/ticket-number';
import type { SqliteDatabase } from './database';
import {
  DailyLimitReachedError,
  LOCAL_NUMBERING,
  NumberRepository,
  type NumberingPolicy,
  type NumberSource,
} from './number-repository';

export { DailyLimitReachedError, NoLeaseError } from './number-repository';

export interface TicketRecord {
  id: string;
  number: string;
  localDay: string;
  serviceId: string;
  appointmentId: string | null;
  appointmentTime: string | null;
  /** A priority walk-in (older people, pregnancy, disability). */
  priority: boolean;
  issuedAt: string;
  printStatus: PrintStatus;
  printFailure: PrintFailure | null;
  printAttempts: number;
  reprints: number;
  /** The token of the ticket's public follow page; null for tickets issued before it existed. */
  followToken: string | null;
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
  priority: number;
  issued_at: string;
  print_status: string;
  print_failure: string | null;
  print_attempts: number;
  reprints: number;
  follow_token: string | null;
}

const toTicket = (row: TicketRow): TicketRecord => ({
  id: row.id,
  number: row.number,
  localDay: row.local_day,
  serviceId: row.service_id,
  appointmentId: row.appointment_id,
  appointmentTime: row.appointment_time,
  priority: row.priority === 1,
  issuedAt: row.issued_at,
  printStatus: row.print_status as PrintStatus,
  printFailure: row.print_failure as PrintFailure | null,
  printAttempts: row.print_attempts,
  reprints: row.reprints,
  followToken: row.follow_token,
});

/** A ticket that did not print may be printed once more; a printed one never again. */
export const MAX_REPRINTS = 1;
/**
 * The print states that keep the one reprint: failed (nothing was sent) and unconfirmed (sent,
 * not confirmed: the citizen is asked first whether it came out).
 */
export const REPRINTABLE: ReadonlySet<PrintStatus> = new Set<PrintStatus>([
  'failed',
  'unconfirmed',
]);

export interface NewTicket {
  id: string;
  localDay: string;
  serviceId: string;
  servicePrefix: string;
  appointmentId: string | null;
  appointmentTime: string | null;
  /** A priority walk-in; false when not given. */
  priority?: boolean;
  issuedAt: Date;
  /** The follow page's token (follow-token.ts); none when not given. */
  followToken?: string;
}

function prepareStatements(db: SqliteDatabase) {
  return {
    numberTaken: db.prepare(`SELECT 1 FROM tickets WHERE local_day = ? AND number = ?`),
    recentNumbers: db.prepare(
      `SELECT service_id AS serviceId, number FROM tickets WHERE local_day = ? ORDER BY issued_at`,
    ),
    insert: db.prepare(
      `INSERT INTO tickets (id, number, local_day, service_id, appointment_id, appointment_time,
         priority, issued_at, print_status, follow_token)
       VALUES (@id, @number, @localDay, @serviceId, @appointmentId, @appointmentTime, @priority,
         @issuedAt, 'pending', @followToken)`,
    ),
    byId: db.prepare(`SELECT * FROM tickets WHERE id = ?`),
    byAppointment: db.prepare(`SELECT * FROM tickets WHERE appointment_id = ?`),
    printOutcome: db.prepare(
      `UPDATE tickets SET print_status = ?, print_failure = ?, print_attempts = print_attempts + 1
       WHERE id = ?`,
    ),
    countOnDay: db.prepare(`SELECT count(*) AS n FROM tickets WHERE local_day = ?`),
    lastOfDay: db.prepare(
      `SELECT * FROM tickets WHERE local_day = ? ORDER BY issued_at DESC, rowid DESC LIMIT 1`,
    ),
    failInterrupted: db.prepare(
      `UPDATE tickets SET print_status = 'failed', print_failure = 'error'
       WHERE print_status = 'pending'`,
    ),
    claimReprint: db.prepare(
      `UPDATE tickets SET reprints = reprints + 1
       WHERE id = ? AND reprints < ? AND print_status IN ('failed', 'unconfirmed')`,
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

  private readonly numbers: NumberRepository;

  constructor(
    private readonly db: SqliteDatabase,
    numbers?: NumberRepository,
  ) {
    this.statements = prepareStatements(db);
    this.numbers = numbers ?? new NumberRepository(db);
  }

  /**
   * Allocates the next number of the service's day under `numbering` (local counting by
   * default; leases then the reserved range when the town hall leases numbers) and inserts the
   * ticket. Must run inside a transaction so that a failure later in the check-in also returns
   * the number. A counter whose number this kiosk already used that day (a lease the town hall
   * granted twice) is skipped, never reused.
   */
  insertWithNextNumber(
    ticket: NewTicket,
    numbering: NumberingPolicy = LOCAL_NUMBERING,
    allowReserved = true,
  ): TicketRecord & { numberSource: NumberSource } {
    if (!this.db.inTransaction) throw new Error('insertWithNextNumber needs a transaction');
    let number = '';
    let source: NumberSource = 'local';
    for (let tries = 0; ; tries++) {
      if (tries > MAX_DAILY_COUNTER) throw new DailyLimitReachedError(ticket.serviceId);
      const allocated = this.numbers.allocate(
        ticket.localDay,
        ticket.serviceId,
        numbering,
        allowReserved,
      );
      number = formatTicketNumber(ticket.servicePrefix, allocated.counter);
      source = allocated.source;
      if (!this.statements.numberTaken.get(ticket.localDay, number)) break;
    }
    this.statements.insert.run({
      id: ticket.id,
      number,
      localDay: ticket.localDay,
      serviceId: ticket.serviceId,
      appointmentId: ticket.appointmentId,
      appointmentTime: ticket.appointmentTime,
      priority: ticket.priority ? 1 : 0,
      issuedAt: ticket.issuedAt.toISOString(),
      followToken: ticket.followToken ?? null,
    });
    return { ...(this.get(ticket.id) as TicketRecord), numberSource: source };
  }

  /** Every number issued on a day, by service (for tests and diagnostics). */
  numbersOfDay(localDay: string): Array<{ serviceId: string; number: string }> {
    return this.statements.recentNumbers.all(localDay) as Array<{
      serviceId: string;
      number: string;
    }>;
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
   * Takes the ticket's one reprint, atomically: true only for a ticket not confirmed printed
   * (failed or unconfirmed) whose reprint is still unused, so two taps (or two screens) cannot
   * print the same number twice.
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

  /**
   * Tickets whose print was under way when the kiosk stopped (power cut, crash) did not reach
   * the citizen as paper: they become failed prints, so their one reprint is offered.
   */
  failInterruptedPrints(): number {
    return this.statements.failInterrupted.run().changes;
  }

  /** The ticket issued last on a day, or undefined when none was. */
  lastOfDay(localDay: string): TicketRecord | undefined {
    const row = this.statements.lastOfDay.get(localDay) as TicketRow | undefined;
    return row ? toTicket(row) : undefined;
  }

  countOnDay(localDay: string): number {
    return (this.statements.countOnDay.get(localDay) as { n: number }).n;
  }
}
