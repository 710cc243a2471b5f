/**
 * A ticket's people ahead and estimated wait as the kiosk prints and shows them (docs/sync.md,
 * "Estimated wait"): from the town hall's last estimate, and only while it can be trusted. A
 * kiosk whose cache may be stale (offline, or its last pull is old) or whose estimate is older
 * than five minutes shows nothing rather than a wrong figure.
 */
import type { TicketRecord } from '../store/ticket-repository';
import type { KioskTicketWait } from '../store/wait-estimate-repository';
import type { CheckInContext } from './check-in-context';

/** Five pulls at the default poll interval (a minute): older than that, it is not printed. */
export const WAIT_ESTIMATE_MAX_AGE_MS = 5 * 60_000;

export function ticketWait(context: CheckInContext, ticket: TicketRecord): KioskTicketWait | null {
  if (context.cacheMayBeStale()) return null;
  return context.store.waitEstimates.waitOf(ticket, context.now(), WAIT_ESTIMATE_MAX_AGE_MS);
}
