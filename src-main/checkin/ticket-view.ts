/** A stored ticket as the renderer shows it (the IPC contract's TicketView). */
import type { TicketView } from '../../src-shared/contract/ipc';
import { localDayOf } from '../../src-shared/domain/site-time';
import { MAX_REPRINTS, REPRINTABLE, type TicketRecord } from '../store/ticket-repository';
import type { CheckInContext } from './check-in-context';

export function ticketView(context: CheckInContext, ticket: TicketRecord): TicketView {
  const service = context.store.catalog.getService(ticket.serviceId);
  return {
    id: ticket.id,
    number: ticket.number,
    serviceName: service?.names ?? { es: ticket.serviceId },
    appointmentTime: ticket.appointmentTime,
    issuedAt: ticket.issuedAt,
    printStatus: ticket.printStatus,
    ...(ticket.printFailure ? { printFailure: ticket.printFailure } : {}),
    canReprint:
      REPRINTABLE.has(ticket.printStatus) &&
      ticket.reprints < MAX_REPRINTS &&
      ticket.localDay === localDayOf(context.now(), context.timeZone),
    priority: false,
    // Until the follow-your-turn page is configured, the number and service as plain text.
    paperlessQr: `${ticket.number} ${service?.names.es ?? ticket.serviceId}`,
  };
}
