/** What the kiosk needs from a ticket printer, whatever the transport underneath. */
import type { PrintFailure, PrinterState } from '../../src-shared/contract/ipc';
import type { Language } from '../../src-shared/domain/language';

/** Everything a printed ticket shows. Never a name or an ID number. */
export interface TicketPrintData {
  ticketId: string;
  townHallName: string;
  ticketNumber: string;
  serviceName: string;
  /** Site-local `HH:MM`; null for a walk-in. */
  appointmentTime: string | null;
  /** A priority ticket: a line says so under the number. */
  priority?: boolean;
  issuedAt: Date;
  timeZone: string;
  kioskId: string;
  language: Language;
  /** ASCII URL for the ticket's QR code (e.g. a page to follow the turn); none when null. */
  qrUrl?: string | null;
  /** People before it in its service's queue, when the kiosk can tell (checkin/ticket-wait.ts). */
  peopleAhead?: number | null;
  /** Estimated wait in minutes, when the town hall side knows it. */
  estimatedWaitMinutes?: number | null;
}

/**
 * - `printed`: the printer confirmed it (process ID response, or its status after the job: it had
 *   every byte and no fault);
 * - `failed`: definitely not printed: not a byte went out (the status said paper out, cover
 *   open…, or the link refused);
 * - `unconfirmed`: bytes went out but the printer did not confirm (a timeout mid-job, a link
 *   that dropped, a fault during the job, a printer that stopped answering): the ticket may
 *   have come out, whole or in part. `failure` says why it is in doubt; null when nothing went
 *   wrong but the printer cannot tell (USB printer class, a network box that never answers
 *   status: every byte was handed over, and that is all anyone knows).
 */
export type PrintOutcome =
  | { status: 'printed' }
  | { status: 'failed'; failure: PrintFailure; detail: string }
  | { status: 'unconfirmed'; failure: PrintFailure | null; detail: string };

export type PrinterTransportKind = 'serial' | 'tcp' | 'usblp' | 'virtual';

export interface TicketPrinter {
  readonly transportKind: PrinterTransportKind;
  /**
   * Renders and sends one ticket; never throws, the outcome says what happened. Jobs run one at a
   * time. The status is read right before sending: a printer that is out of paper, has its cover
   * open, is off-line, in error or disconnected fails the job at once with that failure and not a
   * byte is sent. On printers that report status the job is then confirmed (see PrintOutcome): a
   * fault that appeared meanwhile (cover opened, paper ran out, cable pulled) leaves it
   * unconfirmed, since part of the ticket may be out or come out once the fault is cleared.
   */
  print(ticket: TicketPrintData): Promise<PrintOutcome>;
  /**
   * The printer's state as last known: 'printing' while a job runs; 'unknown' before the first
   * status read and on transports or printers that cannot report status (USB printer class, TCP
   * boxes that never answer), never 'ready' there; always 'ready' for the virtual printer.
   */
  getState(): PrinterState;
  /** Called on every change of getState(); returns the function that unsubscribes. */
  onStateChange(listener: (state: PrinterState) => void): () => void;
  /**
   * Starts reading the status on an interval between jobs (idempotent). Resolves once the first
   * reading is in, so getState() is meaningful right after. A printer that was unplugged is
   * reopened by these reads: the state goes back to 'ready' without a restart.
   */
  start(): Promise<void>;
  /** Stops the polling, waits for the job in progress, and releases the port or connection. */
  close(): Promise<void>;
}

/** A page rendered elsewhere (the technician's test page), printed like a ticket. */
export interface PrintPage {
  /** A file-name-safe name (the virtual printer keeps the page under it). */
  name: string;
  bytes: Buffer;
}

/** The kiosk's printers also print ready-made pages, through the same queue and checks. */
export interface PagePrinter {
  /** Like print(): one job at a time, the status checked before and after; never throws. */
  printPage(page: PrintPage): Promise<PrintOutcome>;
}
