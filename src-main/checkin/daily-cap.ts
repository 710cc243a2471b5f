/**
 * A service's daily cap: the most tickets (appointments and walk-ins, every kiosk of the site)
 * it gives a day. Checked inside the transaction that numbers the ticket, so two check-ins at
 * once cannot both take the last one; the other kiosks' tickets are those the town hall counted
 * at the last pull (store/service-tally-repository.ts; offline, see docs/sync.md).
 */
import type { Service } from '../../src-shared/contract/townhall-api';
import type { CheckInContext } from './check-in-context';
import { CheckInRefused } from './refusal';

/** Tickets the service may still give on `localDay`; null when it has no cap. */
export function ticketsLeft(
  context: CheckInContext,
  service: Service,
  localDay: string,
): number | null {
  const cap = service.dailyCap;
  if (cap === null || cap === undefined) return null;
  return Math.max(0, cap - context.store.tallies.issuedOn(localDay, service.id));
}

/** Throws `service-cap-reached` when the service has no ticket left on `localDay`. */
export function refuseAtDailyCap(
  context: CheckInContext,
  service: Service,
  localDay: string,
): void {
  if (ticketsLeft(context, service, localDay) === 0) {
    throw new CheckInRefused('service-cap-reached');
  }
}
