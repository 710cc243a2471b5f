/**
 * Printing a committed ticket and recording the outcome. The ticket stays valid whatever the
 * printer does: a failed or unconfirmed print is recorded on the ticket (the citizen keeps the
 * one reprint; for an unconfirmed one the screen asks first whether the ticket came out) and,
 * when something went wrong, in the print-failure log for staff. A printer that cannot report
 * (no status) leaves every ticket unconfirmed: that is no fault, so it is only in the kiosk log.
 */
import type { Language } from '../../src-shared/domain/language';
import type { TicketPrinter } from '../printer/ticket-printer';
import type { TicketRecord } from '../store/ticket-repository';
import type { CheckInContext } from './check-in-context';
import { ticketQrUrl } from './ticket-qr';
import { ticketWait } from './ticket-wait';

export interface PrintContext extends CheckInContext {
  readonly printer: TicketPrinter;
}

export async function printTicket(
  context: PrintContext,
  ticket: TicketRecord,
  language: Language,
  qrUrlTemplate: string | null,
): Promise<void> {
  const { store, printer, timeZone, kioskId } = context;
  const service = store.catalog.getService(ticket.serviceId);
  const wait = ticketWait(context, ticket);
  const outcome = await printer.print({
    ticketId: ticket.id,
    townHallName: store.catalog.getSite()?.name ?? '',
    ticketNumber: ticket.number,
    serviceName: service?.names[language] ?? service?.names.es ?? '',
    appointmentTime: ticket.appointmentTime,
    priority: ticket.priority,
    issuedAt: new Date(ticket.issuedAt),
    timeZone,
    kioskId,
    language,
    qrUrl: ticketQrUrl(qrUrlTemplate, ticket),
    peopleAhead: wait?.peopleAhead ?? null,
    // Nobody ahead: the next call is theirs, a wait in minutes would say otherwise.
    estimatedWaitMinutes: wait && wait.peopleAhead > 0 ? wait.estimatedWaitMinutes : null,
  });
  if (outcome.status === 'printed') {
    store.tickets.recordPrintOutcome(ticket.id, 'printed', null);
  } else {
    const what = outcome.status === 'failed' ? 'not printed' : 'printing unconfirmed';
    const { failure, detail } = outcome;
    context.log(`ticket ${ticket.number} ${what}: ${failure ?? 'no status'} (${detail})`);
    store.transaction(() => {
      store.tickets.recordPrintOutcome(ticket.id, outcome.status, failure);
      if (failure) store.tickets.recordPrintFailure(ticket.id, failure, detail, context.now());
    });
  }
}
