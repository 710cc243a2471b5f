/**
 * A TEST DOUBLE of TicketPrinter for the soak: it renders each ticket's real ESC/POS bytes with
 * the production template, as every real printer does before it sends, and then drops them
 * (a real transport would write them to a port). It keeps counts only, never the tickets, so
 * that nothing the soak measures is the double's own memory.
 */
import type { PrinterState } from '../../../src-shared/contract/ipc';
import {
  renderTicket,
  type TicketTemplateOptions,
} from '../../../src-main/printer/ticket-template';
import type {
  PrintOutcome,
  TicketPrintData,
  TicketPrinter,
} from '../../../src-main/printer/ticket-printer';

export class RenderingPrinter implements TicketPrinter {
  readonly transportKind = 'virtual' as const;
  tickets = 0;
  bytes = 0;

  constructor(private readonly template: TicketTemplateOptions) {}

  async print(ticket: TicketPrintData): Promise<PrintOutcome> {
    this.tickets += 1;
    this.bytes += renderTicket(ticket, this.template).length;
    return { status: 'printed' };
  }

  getState(): PrinterState {
    return 'ready';
  }

  onStateChange(): () => void {
    return () => undefined;
  }

  async start(): Promise<void> {}

  async close(): Promise<void> {}
}
