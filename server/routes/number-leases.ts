/**
 * Number-block leases, which kiosks allocate ticket numbers from. A lease is for a real
 * calendar day from the site's yesterday (a kiosk clock a little behind at midnight) to a week
 * ahead; it gives at most 50 numbers, and a kiosk holds at most `maxUnusedLeased` (200) leased
 * numbers of a service and day above the highest one its reported tickets used: no kiosk (or
 * stolen credential) can take a day's numbers from the others in a few requests. The last lease
 * may be shorter.
 *
 * Why 200 and not 100: a kiosk tops up its leases before it pushes its outbox, and a lease whose
 * answer was lost is a block it never uses; under the fault-injection tests a busy kiosk holds
 * well over 100 such numbers for a while, and a tighter cap sends it to its reserved range.
 */
import {
  NumberLeaseRequestSchema,
  type NumberLease,
  type NumberLeaseRequest,
  type Numbering,
} from '../../src-shared/contract/townhall-api';
import { addDays } from '../../src-shared/domain/site-time';
import { requireKiosk } from '../authentication';
import { apiRoute, siteToday, type ApiContext, type ApiRoute, type Reply } from '../context';
import { HttpError, retryLater } from '../http-util';
import type { NumberLeasesRepository } from '../store/number-leases-repository';

export const MAX_LEASE_BLOCK = 50;
export const DEFAULT_MAX_UNUSED_LEASED = 4 * MAX_LEASE_BLOCK;
export const LEASE_DAYS_AHEAD = 7;
/** How long a kiosk that holds too many unused numbers is asked to wait. */
const UNUSED_RETRY_AFTER_MS = 60_000;

/** The request's day: a calendar day (not 2026-02-30) from yesterday to a week ahead. */
async function checkLeaseDay(context: ApiContext, day: string): Promise<void> {
  const today = await siteToday(context.state, context.siteId);
  const first = addDays(today, -1);
  const last = addDays(today, LEASE_DAYS_AHEAD);
  // addDays normalises through the calendar: an impossible date comes back as another one.
  if (addDays(day, 0) !== day || day < first || day > last) {
    throw new HttpError(
      400,
      'bad-request',
      `body.day: ${day} is not a calendar day from ${first} to ${last}`,
    );
  }
}

async function postNumberLease(context: ApiContext, request: NumberLeaseRequest): Promise<Reply> {
  const { state, siteId } = context;
  requireKiosk(context, request.kioskId);
  const site = await state.store.sites.getSite(siteId);
  if (!site) throw new HttpError(404, 'not-found', `site ${siteId} is not known`);
  if (!(await state.store.sites.getService(siteId, request.serviceId))) {
    throw new HttpError(404, 'not-found', `service ${request.serviceId} is not known here`);
  }
  await checkLeaseDay(context, request.day);
  // One transaction with the site locked: no other lease of the site can come in between
  // counting this kiosk's unused numbers and taking the next block.
  const lease = await state.store.transaction(
    ({ numberLeases }) => leaseBlock(numberLeases, context, request, site),
    siteId,
  );
  return { status: 201, body: lease };
}

async function leaseBlock(
  numberLeases: NumberLeasesRepository,
  context: ApiContext,
  request: NumberLeaseRequest,
  site: { numbering: Numbering },
): Promise<NumberLease> {
  const { state, siteId } = context;
  const block = { siteId, serviceId: request.serviceId, day: request.day };
  const unused = await numberLeases.unusedOf({ ...block, kioskId: request.kioskId });
  const room = state.maxUnusedLeased - unused;
  if (room < 1) {
    throw retryLater(
      429,
      'rate-limited',
      `${request.kioskId} holds ${unused} leased numbers of ${request.serviceId} on ` +
        `${request.day} beyond the tickets it reported; report those tickets first`,
      UNUSED_RETRY_AFTER_MS,
    );
  }
  const asked = request.size ?? site.numbering.defaultBlockSize;
  const lease = await numberLeases.lease(
    { ...block, kioskId: request.kioskId, size: Math.min(asked, MAX_LEASE_BLOCK, room) },
    site.numbering.leaseCeiling,
    state.now(),
  );
  if (!lease) {
    throw new HttpError(
      409,
      'lease-exhausted',
      `every number up to ${site.numbering.leaseCeiling} of ${request.serviceId} on ${request.day} is leased`,
    );
  }
  return lease;
}

export const numberLeaseRoutes: ApiRoute[] = [
  apiRoute({
    method: 'POST',
    path: '/sites/:siteId/number-leases',
    auth: 'device',
    body: NumberLeaseRequestSchema,
    handle: postNumberLease,
  }),
];
