/**
 * Data minimisation (docs/booking.md, "Purge"): a booking's personal data (the holder's name and
 * contact, their hashes, the manage token's hash, and the appointment's DNI/NIE hash) is erased
 * once its date is more than the policy's `purgeAfterDays` days past. The appointment stays
 * (code, service, time, status: no personal data) until the server's retention erases its day;
 * a booking whose appointment the retention already erased goes with it. Run by the retention
 * job (retention.ts) at each site-local midnight.
 */
import { addDays } from '../../src-shared/domain/site-time';
import type { ServerStore } from '../store/store';

/** Erases what is due at the site on `today`; the number of bookings erased. */
export async function purgeBookings(
  store: ServerStore,
  siteId: string,
  today: string,
): Promise<number> {
  return store.transaction(async ({ sites, bookings, bookingSettings }) => {
    const site = await sites.getSite(siteId);
    if (!site) return 0;
    const policy = await bookingSettings.getPolicy(siteId, site.name);
    const purged = await bookings.purgeBefore(siteId, addDays(today, -policy.purgeAfterDays));
    return purged + (await bookings.eraseOrphans(siteId));
  }, siteId);
}
