/**
 * The technician's reprint of today's last ticket (a jam, a torn ticket, a test after a paper
 * change). Decided rules: it is a technician reprint, not the citizen's one reprint, and it is
 * audited (the technician mode's audit log: the ticket number, who and when, plus a log line);
 * it prints the ticket's own number, never a new one. If the citizen's one reprint was still unused it is taken by this
 * reprint, so the screen cannot print the same number a third time.
 */
import { localDayOf } from '../../src-shared/domain/site-time';
import type { TicketRecord } from '../store/ticket-repository';
import type { CheckInContext } from './check-in-context';

/** Today's last ticket, with its citizen reprint claimed; undefined when none was issued. */
export function claimTechnicianReprint(context: CheckInContext): TicketRecord | undefined {
  const { store } = context;
  const now = context.now();
  return store.transaction(() => {
    const ticket = store.tickets.lastOfDay(localDayOf(now, context.timeZone));
    if (!ticket) return undefined;
    const tookCitizenReprint = store.tickets.claimReprint(ticket.id);
    context.log(
      `technician reprint of ticket ${ticket.number}` +
        (tookCitizenReprint ? ' (its one citizen reprint is used up with it)' : ''),
    );
    return ticket;
  });
}
