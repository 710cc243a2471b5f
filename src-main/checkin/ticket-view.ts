/** A stored ticket as the renderer shows it (the IPC contract's TicketView). */
import type { PrinterState, TicketView } from '../../src-shared/contract/ipc';
import type { Language } from '../../src-shared/domain/language';
import { localDayOf } from '../../src-shared/domain/site-time';
import { MAX_REPRINTS, REPRINTABLE, type TicketRecord } from '../store/ticket-repository';
import type { PrintContext } from './print-ticket';
import { paperlessQr } from './ticket-qr';

/**
 * Printer states in which a reprint could not print either: the screen does not offer one
 * (its one reprint is kept for when the printer is back).
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

export interface TicketViewOptions {
  /** The configured QR URL template, for the paperless ticket's QR. */
  qrUrlTemplate: string | null;
  /** The citizen's language, for the service name in the plain-text QR. */
  language: Language;
}

export function ticketView(
  context: PrintContext,
  ticket: TicketRecord,
  options: TicketViewOptions,
): TicketView {
  const serviceName = context.store.catalog.getService(ticket.serviceId)?.names ?? {
    es: ticket.serviceId,
  };
  return {
    id: ticket.id,
    number: ticket.number,
    serviceName,
    appointmentTime: ticket.appointmentTime,
    issuedAt: ticket.issuedAt,
    printStatus: ticket.printStatus,
    ...(ticket.printFailure ? { printFailure: ticket.printFailure } : {}),
    canReprint:
      REPRINTABLE.has(ticket.printStatus) &&
      ticket.reprints < MAX_REPRINTS &&
      ticket.localDay === localDayOf(context.now(), context.timeZone) &&
      !printerCannotPrint(context.printer.getState()),
    priority: ticket.priority,
    paperlessQr: paperlessQr(options.qrUrlTemplate, ticket, serviceName, options.language),
  };
}
