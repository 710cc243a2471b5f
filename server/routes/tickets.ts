/**
 * Tickets: check-ins (a ticket for an appointment), walk-ins (a ticket without one) and the
 * number-block leases kiosks allocate numbers from. Both kinds of ticket are idempotent on
 * `Idempotency-Key` = ticket id, refuse a number already issued that day for the service, and
 * count against the service's daily cap.
 */
import type { z } from 'zod';
import {
  CheckInRequestSchema,
  IDEMPOTENCY_KEY_HEADER,
  NumberLeaseRequestSchema,
  WalkInRequestSchema,
  type CheckInRecord,
  type CheckInRequest,
  type Service,
} from '../../src-shared/contract/townhall-api';
import { localDayOf } from '../../src-shared/domain/site-time';
import { requireKiosk } from '../authentication';
import { siteTimeZone, type ApiContext, type ApiRoute, type Reply } from '../context';
import { describeIssues, HttpError } from '../http-util';
import { publicCheckIn } from '../store/check-ins-repository';
import { sameWalkIn, walkInRecord } from '../store/tickets-repository';

/** The body, validated; a refusal names the field (`body.ticketId: …`). */
export async function parseBody<T>(context: ApiContext, schema: z.ZodType<T>): Promise<T> {
  const parsed = schema.safeParse(await context.body());
  if (!parsed.success)
    throw new HttpError(400, 'bad-request', describeIssues(parsed.error, 'body.'));
  return parsed.data;
}

/**
 * A ticket report's body, checked as every one is: the Idempotency-Key header is there and
 * equals the body's ticket id, and (auth required) the kiosk is the credential's own.
 */
async function parseTicketReport<T extends { ticketId: string; kioskId: string }>(
  context: ApiContext,
  schema: z.ZodType<T>,
): Promise<T> {
  const key = context.headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()];
  if (typeof key !== 'string' || key.length === 0) {
    throw new HttpError(400, 'bad-request', `${IDEMPOTENCY_KEY_HEADER} header is required`);
  }
  const report = await parseBody(context, schema);
  if (key !== report.ticketId) {
    throw new HttpError(400, 'bad-request', `${IDEMPOTENCY_KEY_HEADER} must equal body.ticketId`);
  }
  requireKiosk(context, report.kioskId);
  return report;
}

const keyMismatch = (ticketId: string) =>
  new HttpError(
    409,
    'idempotency-key-mismatch',
    `${IDEMPOTENCY_KEY_HEADER} ${ticketId} was already used with a different body`,
  );

/** The same request, compared field by field: replays must match the recorded check-in. */
const sameCheckIn = (record: CheckInRecord, request: CheckInRequest): boolean =>
  record.appointmentId === request.appointmentId &&
  record.kioskId === request.kioskId &&
  record.ticketNumber === request.ticketNumber &&
  record.issuedAt === request.issuedAt;

/**
 * The checks every new ticket passes: its number is not held by another ticket of the service
 * that day, and the service's daily cap is not reached. Call inside the write transaction.
 */
function checkNewTicket(
  context: ApiContext,
  service: Service,
  day: string,
  ticketNumber: string,
): void {
  const { tickets } = context.state.store;
  const holder = tickets.holderOfNumber(context.siteId, service.id, day, ticketNumber);
  if (holder) {
    throw new HttpError(
      409,
      'conflict',
      `number ${ticketNumber} of ${service.id} was already issued on ${day} (another ticket)`,
    );
  }
  if (
    service.dailyCap !== null &&
    service.dailyCap !== undefined &&
    tickets.countOfDay(context.siteId, service.id, day) >= service.dailyCap
  ) {
    throw new HttpError(
      409,
      'daily-cap-reached',
      `${service.id} has given its ${service.dailyCap} tickets for ${day}`,
    );
  }
}

async function postCheckIn(context: ApiContext): Promise<Reply> {
  const { state, siteId } = context;
  const checkIn = await parseTicketReport(context, CheckInRequestSchema);
  const { store } = state;
  const { appointments, checkIns, sites, tickets } = store;
  // Synchronous from here on: the lookup and the writes cannot interleave with another request.
  return store.transaction((): Reply => {
    const existing = checkIns.get(checkIn.ticketId);
    if (existing) {
      if (existing.siteId === siteId && sameCheckIn(existing, checkIn)) {
        return { status: 200, body: publicCheckIn(existing) };
      }
      throw keyMismatch(checkIn.ticketId);
    }
    if (tickets.get(checkIn.ticketId)) throw keyMismatch(checkIn.ticketId);
    const appointment = appointments.get(checkIn.appointmentId);
    if ((!appointment || appointment.siteId !== siteId) && checkIn.bookingToken !== undefined) {
      // Checked in offline from a signed token for a booking this town hall does not have (never
      // recorded, deleted since, or signed by another system): final, for staff to look at.
      throw new HttpError(
        422,
        'unknown-appointment',
        `appointment ${checkIn.appointmentId} of a booking token is not known here`,
      );
    }
    if (!appointment || appointment.siteId !== siteId) {
      throw new HttpError(
        404,
        'not-found',
        `appointment ${checkIn.appointmentId} is not known here`,
      );
    }
    if (appointment.status === 'cancelled') {
      throw new HttpError(409, 'conflict', `appointment ${appointment.id} is cancelled`);
    }
    if (appointment.status === 'checked-in') {
      throw new HttpError(409, 'conflict', `appointment ${appointment.id} is already checked in`);
    }
    // A 'no-show' that turns up late is still welcome: the check-in wins.
    const day = localDayOf(new Date(checkIn.issuedAt), siteTimeZone(state, siteId));
    const service = sites.getService(siteId, appointment.serviceId);
    if (service) checkNewTicket(context, service, day, checkIn.ticketNumber);
    const receivedAt = state.now();
    const record = checkIns.insert(siteId, checkIn, receivedAt);
    appointments.update(appointment.id, {
      status: 'checked-in',
      ticketNumber: checkIn.ticketNumber,
    });
    tickets.insert({
      ticketId: checkIn.ticketId,
      siteId,
      kind: 'appointment',
      serviceId: appointment.serviceId,
      day,
      ticketNumber: checkIn.ticketNumber,
      kioskId: checkIn.kioskId,
      appointmentId: appointment.id,
      issuedAt: checkIn.issuedAt,
      receivedAt,
    });
    return { status: 201, body: publicCheckIn(record) };
  });
}

async function postWalkIn(context: ApiContext): Promise<Reply> {
  const { state, siteId } = context;
  const walkIn = await parseTicketReport(context, WalkInRequestSchema);
  const { store } = state;
  const { checkIns, sites, tickets } = store;
  return store.transaction((): Reply => {
    const existing = tickets.get(walkIn.ticketId);
    if (existing) {
      if (existing.siteId === siteId && sameWalkIn(existing, walkIn)) {
        return { status: 200, body: walkInRecord(existing) };
      }
      throw keyMismatch(walkIn.ticketId);
    }
    if (checkIns.get(walkIn.ticketId)) throw keyMismatch(walkIn.ticketId);
    const service = sites.getService(siteId, walkIn.serviceId);
    if (!service)
      throw new HttpError(404, 'not-found', `service ${walkIn.serviceId} is not known here`);
    if (!service.walkInsAllowed) {
      throw new HttpError(409, 'conflict', `${service.id} does not admit walk-ins`);
    }
    const day = localDayOf(new Date(walkIn.issuedAt), siteTimeZone(state, siteId));
    checkNewTicket(context, service, day, walkIn.ticketNumber);
    const ticket = tickets.insert({
      ticketId: walkIn.ticketId,
      siteId,
      kind: 'walk-in',
      serviceId: service.id,
      day,
      ticketNumber: walkIn.ticketNumber,
      kioskId: walkIn.kioskId,
      appointmentId: null,
      issuedAt: walkIn.issuedAt,
      receivedAt: state.now(),
    });
    return { status: 201, body: walkInRecord(ticket) };
  });
}

async function postNumberLease(context: ApiContext): Promise<Reply> {
  const { state, siteId } = context;
  const request = await parseBody(context, NumberLeaseRequestSchema);
  requireKiosk(context, request.kioskId);
  const site = state.store.sites.getSite(siteId);
  if (!site) throw new HttpError(404, 'not-found', `site ${siteId} is not known`);
  if (!state.store.sites.getService(siteId, request.serviceId)) {
    throw new HttpError(404, 'not-found', `service ${request.serviceId} is not known here`);
  }
  const lease = state.store.numberLeases.lease(
    {
      siteId,
      serviceId: request.serviceId,
      day: request.day,
      kioskId: request.kioskId,
      size: request.size ?? site.numbering.defaultBlockSize,
    },
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
  return { status: 201, body: lease };
}

export const ticketRoutes: ApiRoute[] = [
  { method: 'POST', path: '/sites/:siteId/check-ins', auth: 'device', handle: postCheckIn },
  { method: 'POST', path: '/sites/:siteId/walk-ins', auth: 'device', handle: postWalkIn },
  { method: 'POST', path: '/sites/:siteId/number-leases', auth: 'device', handle: postNumberLease },
];
