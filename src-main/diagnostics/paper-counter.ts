/**
 * The kiosk's printer, counting the paper it feeds: every job whose bytes went out (printed, or
 * unconfirmed: it may be in the tray) adds its length to the roll in place (store.paperRoll).
 * A job that failed before sending fed nothing. The counting never turns a printed ticket into a
 * failure: a store that cannot be written is logged and printing goes on.
 */
import { errorText } from '../logging/error-text';
import { paperLengthMm } from '../printer/job-deadline';
import type {
  PagePrinter,
  PrintOutcome,
  TicketPrintData,
  TicketPrinter,
} from '../printer/ticket-printer';
import type { PaperRollRepository } from '../store/paper-roll-repository';

export interface PaperCounterDeps {
  roll: Pick<PaperRollRepository, 'addPrinted'>;
  /** The paper one ticket feeds (./paper-estimate.ts ticketLengthMm with the printer's template). */
  ticketMm: (ticket: TicketPrintData) => number;
  log: (line: string) => void;
}

export function countingPaper(
  printer: TicketPrinter & PagePrinter,
  deps: PaperCounterDeps,
): TicketPrinter & PagePrinter {
  const count = (outcome: PrintOutcome, measure: () => number, kind: 'ticket' | 'page') => {
    if (outcome.status === 'failed') return;
    try {
      deps.roll.addPrinted(measure(), kind);
    } catch (error) {
      deps.log(`paper counter: not counted: ${errorText(error)}`);
    }
  };
  return {
    transportKind: printer.transportKind,
    async print(ticket) {
      const outcome = await printer.print(ticket);
      count(outcome, () => deps.ticketMm(ticket), 'ticket');
      return outcome;
    },
    async printPage(page) {
      const outcome = await printer.printPage(page);
      count(outcome, () => paperLengthMm(page.bytes), 'page');
      return outcome;
    },
    getState: () => printer.getState(),
    onStateChange: (listener) => printer.onStateChange(listener),
    start: () => printer.start(),
    close: () => printer.close(),
  };
}
