/**
 * The one reprint of today's ticket that did not print. The claim is taken before printing, so
 * a double tap cannot print the number twice; a reprint that fails too is not given back. While
 * the printer is known to be unable to print (disconnected, out of paper…) no claim is taken:
 * the screen offers none then, and the reprint is kept for when the printer is back.
 */
import { localDayOf } from '../../src-shared/domain/site-time';
import type { PrinterState } from '../../src-shared/contract/ipc';
import type { TicketRecord } from '../store/ticket-repository';
import type { PrintContext } from './print-ticket';

/**
 * Printer states in which a reprint could not print either: no claim is taken (the ticket's one
 * reprint is kept for when the printer is back).
 */
const CANNOT_PRINT: ReadonlySet<PrinterState> = new Set<PrinterState>([
  'disconnected',
  'paper-out',
  'cover-open',
  'offline',
  'error',
]);

/** Whether the printer is known, now, to be unable to print a ticket. */
export const printerCannotPrint = (state: PrinterState): boolean => CANNOT_PRINT.has(state);

export type ReprintClaim =
  | { ok: true; ticket: TicketRecord }
  | { ok: false; error: { code: 'ticket-not-found' | 'reprint-not-allowed' } };

export function claimReprint(context: PrintContext, ticketId: string): ReprintClaim {
  const { store, timeZone } = context;
  const ticket = store.tickets.get(ticketId);
  if (!ticket) return { ok: false, error: { code: 'ticket-not-found' } };
  const today = localDayOf(context.now(), timeZone);
  if (
    ticket.localDay !== today ||
    printerCannotPrint(context.printer.getState()) ||
    !store.tickets.claimReprint(ticket.id)
  ) {
    return { ok: false, error: { code: 'reprint-not-allowed' } };
  }
  return { ok: true, ticket };
}
