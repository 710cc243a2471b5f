/**
 * What the result screen says about the paper ticket, and what it offers, for each print status.
 * Pure: the result screen, the live announcer and the time limits read the same answer.
 *
 * The rule of thumb: when nothing (or maybe nothing) came out of the printer, the number exists
 * only on this screen, so the screen keeps it until the citizen confirms, offers it as a QR for
 * the phone (there are no pens in a lobby), and offers a reprint only while the printer can
 * print.
 */
import type { CheckInResult, PrinterState } from '../../src-shared/contract/ipc';

export interface Text {
  key: string;
  params?: Record<string, string>;
}

export interface PrintOutcomeView {
  tone: 'success' | 'info' | 'warning';
  /** The line about the paper ticket. */
  message: Text;
  /** What the live region says: the number, then what happened to the paper. */
  announcement: Text[];
  /** The number may exist only on screen: keep it, warn before leaving, offer the QR. */
  onlyOnScreen: boolean;
  /** The reprint button's label, or null when no reprint is offered. */
  reprintLabel: string | null;
}

/** Printer states in which a job cannot print: a reprint would fail again. */
const CANNOT_PRINT: ReadonlySet<PrinterState> = new Set<PrinterState>([
  'disconnected',
  'paper-out',
  'cover-open',
  'offline',
  'error',
]);

export function printerCannotPrint(status: PrinterState | undefined): boolean {
  return status !== undefined && CANNOT_PRINT.has(status);
}

export function printOutcomeView(
  result: CheckInResult,
  printerStatus: PrinterState | undefined,
): PrintOutcomeView {
  const { ticket } = result;
  const number = { number: ticket.number };
  const reprintable = ticket.canReprint && !printerCannotPrint(printerStatus);
  const newTicket: Text = { key: 'ui.result.announce', params: number };

  if (result.outcome === 'already-issued') {
    const message = { key: 'citizenFlows.result.alreadyIssued' };
    return {
      tone: 'info',
      message,
      announcement: [{ key: 'citizenFlows.result.announceAlreadyIssued', params: number }],
      onlyOnScreen: true,
      reprintLabel: reprintable ? 'ui.result.reprint' : null,
    };
  }
  switch (ticket.printStatus) {
    case 'printed': {
      const message = { key: 'ui.result.printed' };
      return {
        tone: 'success',
        message,
        announcement: [newTicket, message],
        onlyOnScreen: false,
        reprintLabel: null,
      };
    }
    case 'pending': {
      const message = { key: 'ui.result.printing' };
      return {
        tone: 'info',
        message,
        announcement: [newTicket, message],
        onlyOnScreen: true,
        reprintLabel: null,
      };
    }
    case 'unconfirmed': {
      // The ticket may be in the tray: a reprint only when the citizen says it is not.
      const message = { key: 'ui.result.unconfirmed', params: number };
      return {
        tone: 'warning',
        message,
        announcement: [newTicket, message],
        onlyOnScreen: true,
        reprintLabel: reprintable ? 'ui.result.notPrinted' : null,
      };
    }
    case 'failed': {
      const message = { key: `citizenFlows.result.failed.${ticket.printFailure ?? 'error'}` };
      return {
        tone: 'warning',
        message,
        announcement: [newTicket, message],
        onlyOnScreen: true,
        reprintLabel: reprintable ? 'ui.result.reprint' : null,
      };
    }
  }
}
