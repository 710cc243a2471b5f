/**
 * A TEST DOUBLE of TicketPrinter for tests about the kiosk's decisions rather than about bytes
 * (those use the real printers against pseudo-terminals and the TCP emulator). It records what
 * it was asked to print and answers with a scripted outcome.
 */
import type {
  PrintOutcome,
  TicketPrintData,
  TicketPrinter,
} from '../../src-main/printer/ticket-printer';

export class RecordingPrinter implements TicketPrinter {
  readonly transportKind = 'virtual' as const;
  readonly printed: TicketPrintData[] = [];
  nextOutcome: PrintOutcome = { status: 'printed' };

  async print(ticket: TicketPrintData): Promise<PrintOutcome> {
    this.printed.push(ticket);
    return this.nextOutcome;
  }

  async close(): Promise<void> {}
}
