/**
 * Tickets: check-ins (a ticket for an appointment) and walk-ins (a ticket without one). Both
 * are idempotent on `Idempotency-Key` = ticket id (a replay must repeat every field of the body),
 * refuse a number already issued that day for the service, count against the service's daily
 * cap, and must be issued within the server's retention and at most a day ahead of its clock.
 */
import {
  CheckInRequestSchema,
  IDEMPOTENCY_KEY_HEADER,
  WalkInRequestSchema,
  type CheckInRequest,
  type Service,
  type WalkInRequest,
} from '../../src-shared/contract/townhall-api';
import { localDayOf } from '../../src-shared/domain/site-time';
import { requireKiosk } from '../authentication';
import {
  apiRoute,
  siteTimeZone,
  siteToday,
  type ApiContext,
  type ApiRoute,
  type Reply,
} from '../context';
import { notifyQueueChanged } from '../staff/office-events';
import { HttpError } from '../http-util';
import { waitOfTicket } from '../queue/site-wait';
import { recordingRefusals, TicketRefusal } from '../queue/ticket-refusals';
import { firstKeptDay } from '../retention';
import { bookingTokenHash, publicCheckIn, type StoredCheckIn } from '../store/check-ins-repository';
import type { Repositories } from '../store/store';
import { sameWalkIn, walkInRecord } from '../store/tickets-repository';

/** How far ahead of the server's clock a kiosk's clock may be. */
const MAX_ISSUED_AHEAD_MS = 24 * 3_600_000;

/** A ticket report needs its Idempotency-Key header, looked at before the body is read. */
function requireIdempotencyKey(context: ApiContext): void {
  const key = context.headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()];
  if (typeof key !== 'string' || key.length === 0) {
    throw new HttpError(400, 'bad-request', `${IDEMPOTENCY_KEY_HEADER} header is required`);
  }
}

/**
 * A ticket report's validated body, checked as every one is: the Idempotency-Key header equals
 * the body's ticket id, (auth required) the kiosk is the credential's own, and issuedAt is no
 * more than a day ahead of the server nor on a day its retention has already erased (a kiosk
 * that was offline for days may still report). Returns the site-local day of issuedAt.
 */
async function checkTicketReport(
  context: ApiContext,
  report: { ticketId: string; kioskId: string; issuedAt: string },
): Promise<string> {
  if (context.headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()] !== report.ticketId) {
    throw new HttpError(400, 'bad-request', `${IDEMPOTENCY_KEY_HEADER} must equal body.ticketId`);
  }
  requireKiosk(context, report.kioskId);
  const { state, siteId } = context;
  const now = state.now();
  const issuedAt = new Date(report.issuedAt);
  const day = localDayOf(issuedAt, await siteTimeZone(state, siteId));
  const oldest = firstKeptDay(await siteToday(state, siteId), state.retentionDays);
  if (issuedAt.getTime() > now.getTime() + MAX_ISSUED_AHEAD_MS || day < oldest) {
    throw new HttpError(
      400,
      'bad-request',
      `body.issuedAt: ${report.issuedAt} is not between ${oldest} (the oldest day this server ` +
        `keeps) and a day after its clock (${now.toISOString()})`,
    );
  }
  return day;
}

const keyMismatch = (ticketId: string) =>
  new HttpError(
    409,
    'idempotency-key-mismatch',
    `${IDEMPOTENCY_KEY_HEADER} ${ticketId} was already used with a different body`,
  );

/** The same request, compared field by field: replays must match the recorded check-in. */
const sameCheckIn = (record: StoredCheckIn, request: CheckInRequest): boolean =>
  record.appointmentId === request.appointmentId &&
  record.kioskId === request.kioskId &&
  record.ticketNumber === request.ticketNumber &&
  record.issuedAt === request.issuedAt &&
  record.identifiedBy === (request.identifiedBy ?? null) &&
  record.bookingTokenHash === bookingTokenHash(request);

/**
 * The checks every new ticket passes: its number is not held by another ticket of the service
 * that day, and the service's daily cap is not reached. Call inside the write transaction.
 */
async function checkNewTicket(
  { tickets }: Repositories,
  context: ApiContext,
  service: Service,
  day: string,
  ticketNumber: string,
): Promise<void> {
  const holder = await tickets.holderOfNumber(context.siteId, service.id, day, ticketNumber);
  if (holder) {
    throw new TicketRefusal(
      409,
      'conflict',
      `number ${ticketNumber} of ${service.id} was already issued on ${day} (another ticket)`,
      { kind: 'number-taken', serviceId: service.id, otherTicketNumber: ticketNumber },
    );
  }
  if (
    service.dailyCap !== null &&
    service.dailyCap !== undefined &&
    (await tickets.countOfDay(context.siteId, service.id, day)) >= service.dailyCap
  ) {
    throw new TicketRefusal(
      409,
      'daily-cap-reached',
      `${service.id} has given its ${service.dailyCap} tickets for ${day}`,
      { kind: 'daily-cap-reached', serviceId: service.id },
    );
  }
}

/**
 * A ticket report's answer with where the ticket stands now (people ahead, estimated wait),
 * read after its transaction: on SQLite the store's own queries wait for a transaction to end.
 */
async function withTicketWait(context: ApiContext, reply: Reply, ticketId: string): Promise<Reply> {
  const ticket = await context.state.store.tickets.get(ticketId);
  if (!ticket) return reply;
  const wait = await waitOfTicket(context.state, context.siteId, ticket);
  if (!wait) return reply;
  return { ...reply, body: { ...(reply.body as object), ...wait } };
}

async function postCheckIn(context: ApiContext, checkIn: CheckInRequest): Promise<Reply> {
  const { state, siteId } = context;
  const day = await checkTicketReport(context, checkIn);
  // One transaction with the site locked: the lookups and the writes cannot interleave with
  // another report of the site (the same ticket replayed, or the same number).
  // A refusal for good is recorded for the supervisor (once per ticket) before the kiosk hears it.
  const reply = await recordingRefusals(context, checkIn, day, () =>
    state.store.transaction(async (repositories): Promise<Reply> => {
      const { appointments, checkIns, follow, sites, tickets } = repositories;
      const existing = await checkIns.get(checkIn.ticketId);
      if (existing) {
        if (existing.siteId === siteId && sameCheckIn(existing, checkIn)) {
          return { status: 200, body: publicCheckIn(existing) };
        }
        throw keyMismatch(checkIn.ticketId);
      }
      if (await tickets.get(checkIn.ticketId)) throw keyMismatch(checkIn.ticketId);
      const appointment = await appointments.get(checkIn.appointmentId);
      if ((!appointment || appointment.siteId !== siteId) && checkIn.bookingToken !== undefined) {
        // Checked in offline from a signed token for a booking this town hall does not have (never
        // recorded, deleted since, or signed by another system): final, for staff to look at.
        throw new TicketRefusal(
          422,
          'unknown-appointment',
          `appointment ${checkIn.appointmentId} of a booking token is not known here`,
          { kind: 'unknown-appointment', serviceId: null },
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
        throw new TicketRefusal(409, 'conflict', `appointment ${appointment.id} is cancelled`, {
          kind: 'booking-cancelled',
          serviceId: appointment.serviceId,
        });
      }
      if (appointment.status === 'checked-in') {
        throw new TicketRefusal(
          409,
          'conflict',
          `appointment ${appointment.id} is already checked in`,
          {
            kind: 'checked-in-elsewhere',
            serviceId: appointment.serviceId,
            otherTicketNumber: appointment.ticketNumber ?? null,
          },
        );
      }
      // A 'no-show' that turns up late is still welcome: the check-in wins.
      const service = await sites.getService(siteId, appointment.serviceId);
      if (service) await checkNewTicket(repositories, context, service, day, checkIn.ticketNumber);
      const receivedAt = state.now();
      const record = await checkIns.insert(siteId, checkIn, receivedAt);
      await appointments.update(appointment.id, {
        status: 'checked-in',
        ticketNumber: checkIn.ticketNumber,
      });
      await tickets.insert({
        ticketId: checkIn.ticketId,
        siteId,
        kind: 'appointment',
        serviceId: appointment.serviceId,
        day,
        ticketNumber: checkIn.ticketNumber,
        kioskId: checkIn.kioskId,
        appointmentId: appointment.id,
        priority: false,
        language: checkIn.language ?? null,
        issuedAt: checkIn.issuedAt,
        receivedAt,
      });
      if (checkIn.followToken) await follow.attachToken(checkIn.ticketId, checkIn.followToken);
      return { status: 201, body: publicCheckIn(record) };
    }, siteId),
  );
  if (reply.status === 201) notifyQueueChanged(state, siteId);
  return withTicketWait(context, reply, checkIn.ticketId);
}

async function postWalkIn(context: ApiContext, walkIn: WalkInRequest): Promise<Reply> {
  const { state, siteId } = context;
  const day = await checkTicketReport(context, walkIn);
  const reply = await recordingRefusals(context, walkIn, day, () =>
    state.store.transaction(async (repositories): Promise<Reply> => {
      const { checkIns, follow, sites, tickets } = repositories;
      const existing = await tickets.get(walkIn.ticketId);
      if (existing) {
        if (existing.siteId === siteId && sameWalkIn(existing, walkIn)) {
          return { status: 200, body: walkInRecord(existing) };
        }
        throw keyMismatch(walkIn.ticketId);
      }
      if (await checkIns.get(walkIn.ticketId)) throw keyMismatch(walkIn.ticketId);
      const service = await sites.getService(siteId, walkIn.serviceId);
      if (!service)
        throw new HttpError(404, 'not-found', `service ${walkIn.serviceId} is not known here`);
      if (!service.walkInsAllowed) {
        throw new TicketRefusal(409, 'conflict', `${service.id} does not admit walk-ins`, {
          kind: 'no-walk-ins',
          serviceId: service.id,
        });
      }
      await checkNewTicket(repositories, context, service, day, walkIn.ticketNumber);
      const ticket = await tickets.insert({
        ticketId: walkIn.ticketId,
        siteId,
        kind: 'walk-in',
        serviceId: service.id,
        day,
        ticketNumber: walkIn.ticketNumber,
        kioskId: walkIn.kioskId,
        appointmentId: null,
        priority: walkIn.priority ?? false,
        language: walkIn.language ?? null,
        issuedAt: walkIn.issuedAt,
        receivedAt: state.now(),
      });
      if (walkIn.followToken) await follow.attachToken(walkIn.ticketId, walkIn.followToken);
      return { status: 201, body: walkInRecord(ticket) };
    }, siteId),
  );
  // The desks' queues show it at once.
  if (reply.status === 201) notifyQueueChanged(state, siteId);
  return withTicketWait(context, reply, walkIn.ticketId);
}

export const ticketRoutes: ApiRoute[] = [
  apiRoute({
    method: 'POST',
    path: '/sites/:siteId/check-ins',
    auth: 'device',
    body: CheckInRequestSchema,
    beforeBody: requireIdempotencyKey,
    handle: postCheckIn,
  }),
  apiRoute({
    method: 'POST',
    path: '/sites/:siteId/walk-ins',
    auth: 'device',
    body: WalkInRequestSchema,
    beforeBody: requireIdempotencyKey,
    handle: postWalkIn,
  }),
];
