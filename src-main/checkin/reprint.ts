/**
 * The one reprint of today's ticket that did not print. The claim is taken before printing, so
 * a double tap cannot print the number twice; a reprint that fails too is not given back.
 */
import { localDayOf } from '../../src-shared/domain/site-time';
import type { TicketRecord } from '../store/ticket-repository';
import type { CheckInContext } from './check-in-context';

export type ReprintClaim =
  | { ok: true; ticket: TicketRecord }
  | { ok: false; error: { code: 'ticket-not-found' | 'reprint-not-allowed' } };

export function claimReprint(context: CheckInContext, ticketId: string): ReprintClaim {
  const { store, timeZone } = context;
  const ticket = store.tickets.get(ticketId);
  if (!ticket) return { ok: false, error: { code: 'ticket-not-found' } };
  const today = localDayOf(context.now(), timeZone);
  if (ticket.localDay !== today || !store.tickets.claimReprint(ticket.id)) {
    return { ok: false, error: { code: 'reprint-not-allowed' } };
  }
  return { ok: true, ticket };
}
