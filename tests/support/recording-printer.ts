/**
 * A TEST DOUBLE of TicketPrinter for tests about the kiosk's decisions rather than about bytes
 * (those use the real printers against pseudo-terminals and the TCP emulator). It records what
 * it was asked to print and answers with a scripted outcome; its state is whatever the test sets
 * with setState(), which notifies the listeners like a real printer would.
 */
import type { PrinterState } from '../../src-shared/contract/ipc';
import type {
  PrintOutcome,
  TicketPrintData,
  TicketPrinter,
} from '../../src-main/printer/ticket-printer';

export class RecordingPrinter implements TicketPrinter {
  readonly transportKind = 'virtual' as const;
  readonly printed: TicketPrintData[] = [];
  nextOutcome: PrintOutcome = { status: 'printed' };
  started = false;
  private state: PrinterState = 'ready';
  private readonly listeners = new Set<(state: PrinterState) => void>();

  async print(ticket: TicketPrintData): Promise<PrintOutcome> {
    this.printed.push(ticket);
    return this.nextOutcome;
  }

  getState(): PrinterState {
    return this.state;
  }

  onStateChange(listener: (state: PrinterState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Test hook: changes the state and tells the listeners. */
  setState(state: PrinterState): void {
    if (state === this.state) return;
    this.state = state;
    for (const listener of [...this.listeners]) listener(state);
  }

  async start(): Promise<void> {
    this.started = true;
  }

  async close(): Promise<void> {}
}
