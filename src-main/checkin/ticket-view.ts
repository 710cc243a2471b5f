/** A stored ticket as the renderer shows it (the IPC contract's TicketView). */
import type { TicketView } from '../../src-shared/contract/ipc';
import type { Language } from '../../src-shared/domain/language';
import { localDayOf } from '../../src-shared/domain/site-time';
import { MAX_REPRINTS, REPRINTABLE, type TicketRecord } from '../store/ticket-repository';
import type { PrintContext } from './print-ticket';
import { paperlessQr } from './ticket-qr';
import { ticketWait } from './ticket-wait';

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
      // Not the printer's state: that changes while the result is on screen, so the screen
      // weighs its live status (flows/print-outcome.ts) and claimReprint checks it again.
      ticket.localDay === localDayOf(context.now(), context.timeZone),
    priority: ticket.priority,
    paperlessQr: paperlessQr(options.qrUrlTemplate, ticket, serviceName, options.language),
    ...ticketWait(context, ticket),
  };
}
