/** What the kiosk needs from a ticket printer, whatever the transport underneath. */
import type { PrintFailure } from '../../src-shared/contract/ipc';
import type { Language } from '../../src-shared/contract/townhall-api';

/** Everything a printed ticket shows. Never a name or an ID number. */
export interface TicketPrintData {
  ticketId: string;
  townHallName: string;
  ticketNumber: string;
  serviceName: string;
  /** Site-local `HH:MM`; null for a walk-in. */
  appointmentTime: string | null;
  issuedAt: Date;
  timeZone: string;
  kioskId: string;
  language: Language;
  /** ASCII URL for the ticket's QR code (e.g. a page to follow the turn); none when null. */
  qrUrl?: string | null;
  /** Estimated wait in minutes, when the town hall side knows it. */
  estimatedWaitMinutes?: number | null;
}

export type PrintOutcome =
  { status: 'printed' } | { status: 'failed'; failure: PrintFailure; detail: string };

export type PrinterTransportKind = 'serial' | 'tcp' | 'usblp' | 'virtual';

export interface TicketPrinter {
  readonly transportKind: PrinterTransportKind;
  /** Renders and sends one ticket; never throws, the outcome says what happened. */
  print(ticket: TicketPrintData): Promise<PrintOutcome>;
  close(): Promise<void>;
}
