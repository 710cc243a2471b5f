/**
 * The public booking API under `/book/api` (src-shared/contract/booking.ts, docs/booking.md):
 * the site with its bookable services and privacy facts, free days and free slots, the
 * proof-of-work challenge, booking, and a booking's view, cancel and move by its manage token.
 * Its own scope: helmet's headers, JSON bodies validated by zod, refusals as `BookingError`s,
 * and per-client rate limits (@fastify/rate-limit: the whole API, and tighter ones for booking
 * and for challenges); booking attempts are also limited per contact. The ICS download under
 * `/book/api/bookings/:manageToken/calendar.ics` belongs to the booking page's routes.
 */
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BookingRequestSchema,
  LocalDaySchema,
  ManageTokenSchema,
  MoveRequestSchema,
  ServiceIdSchema,
  type BookingConfirmation,
  type BookingView,
  type FreeDays,
  type FreeSlots,
  type ProofChallenge,
} from '../../src-shared/contract/booking';
import { acceptJsonBodies, RejectedBody } from '../http/bodies';
import type { Endpoints } from '../http/endpoints';
import { resolveSite } from '../http/api-routes';
import { clientAddress, retryLater } from '../http-util';
import { manageUrl, notifyHolder, type BookingContext } from './booking-context';
import { BookingHttpError, sendBookingError } from './booking-errors';
import {
  bookingByManageToken,
  cancelBooking,
  createBooking,
  moveBooking,
  type BookedAppointment,
} from './booking-service';
import { bookingView } from './booking-view';
import { contactHashes, contactKey } from './contact';
import { bookingSite, freeDaysOf, freeSlotsOf } from './public-queries';
import type { BookingNoticeKind } from './booking-notifier';

export const BOOKING_API = '/book/api';
const MAX_BOOKING_BODY_BYTES = 8 * 1024;

const SiteParams = z.object({ siteId: z.string().max(64) });
const ServiceParams = SiteParams.extend({ serviceId: ServiceIdSchema });
const DayParams = ServiceParams.extend({ day: LocalDaySchema });
const TokenParams = z.object({ manageToken: ManageTokenSchema });

export function publicBookingRoutes(context: BookingContext, endpoints: Endpoints) {
  const { state, limits } = context;
  return async (plain: FastifyInstance): Promise<void> => {
    plain.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) endpoints.add(method, route.url);
    });
    await plain.register(helmet, {
      contentSecurityPolicy: false,
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
      strictTransportSecurity: false,
    });
    await plain.register(rateLimit, {
      max: limits.requestsPerMinute,
      timeWindow: 60_000,
      keyGenerator: (request: FastifyRequest) =>
        context.trustProxy ? request.ip : clientAddress(request.raw),
      errorResponseBuilder: (_request, limit) =>
        new BookingHttpError(429, 'rate-limited', 'too many requests: wait a moment', {
          'retry-after': String(Math.max(1, Math.ceil(limit.ttl / 1000))),
        }),
    });
    acceptJsonBodies(plain, MAX_BOOKING_BODY_BYTES);
    plain.addHook('preValidation', async (request) => {
      if (request.body instanceof RejectedBody) throw request.body.error;
    });
    plain.setValidatorCompiler(validatorCompiler);
    plain.setErrorHandler(sendBookingError);
    const app = plain.withTypeProvider<ZodTypeProvider>();

    const viewOf = (booked: BookedAppointment): Promise<BookingView> =>
      bookingView(state, booked.appointment, booked.booking);
    const tell = (
      kind: BookingNoticeKind,
      booking: BookingView,
      booked: BookedAppointment,
      token: string,
    ) =>
      notifyHolder(context, {
        kind,
        booking,
        manageUrl: manageUrl(context, token),
        email: booked.booking.email,
        phone: booked.booking.phone,
        name: booked.booking.name,
      });

    app.get(`${BOOKING_API}/sites/:siteId`, { schema: { params: SiteParams } }, async (request) =>
      bookingSite(state, await resolveSite(state, request.params.siteId)),
    );

    app.get(
      `${BOOKING_API}/sites/:siteId/services/:serviceId/days`,
      { schema: { params: ServiceParams } },
      async (request): Promise<FreeDays> =>
        freeDaysOf(
          state,
          await resolveSite(state, request.params.siteId),
          request.params.serviceId,
        ),
    );

    app.get(
      `${BOOKING_API}/sites/:siteId/services/:serviceId/days/:day/slots`,
      { schema: { params: DayParams } },
      async (request): Promise<FreeSlots> =>
        freeSlotsOf(
          state,
          await resolveSite(state, request.params.siteId),
          request.params.serviceId,
          request.params.day,
        ),
    );

    app.get(
      `${BOOKING_API}/challenge`,
      { config: { rateLimit: { max: limits.challengesPerMinute, timeWindow: 60_000 } } },
      async (_request, reply): Promise<ProofChallenge> => {
        reply.header('cache-control', 'no-store');
        return (await context.proof.challenge()) as ProofChallenge;
      },
    );

    app.post(
      `${BOOKING_API}/sites/:siteId/bookings`,
      {
        schema: { params: SiteParams, body: BookingRequestSchema },
        config: { rateLimit: { max: limits.bookingsPerMinute, timeWindow: 60_000 } },
      },
      async (request, reply): Promise<BookingConfirmation> => {
        const siteId = await resolveSite(state, request.params.siteId);
        // `privacyAccepted` is `true` by the schema: a booking without it never gets here.
        const { proof, ...input } = request.body;
        const verdict = await context.proof.spend(proof);
        if (verdict !== 'ok') {
          throw new BookingHttpError(400, 'proof-failed', `proof of work ${verdict}`);
        }
        const salt = (await state.store.sites.getSite(siteId))?.idHashSalt ?? '';
        const key = contactKey(
          siteId,
          contactHashes(salt, { email: input.email ?? null, phone: input.phone ?? null }),
        );
        const waitMs = context.contactAttempts.waitMs(key);
        if (waitMs > 0) {
          const refusal = retryLater(
            429,
            'rate-limited',
            'too many attempts for this contact',
            waitMs,
          );
          throw new BookingHttpError(429, 'rate-limited', refusal.message, refusal.headers);
        }
        context.contactAttempts.recordFailure(key);
        const booked = await createBooking(state, siteId, input, 'online');
        const booking = await viewOf(booked);
        tell('confirmed', booking, booked, booked.manageToken);
        reply.code(201).header('cache-control', 'no-store');
        return { booking, manageToken: booked.manageToken };
      },
    );

    app.get(
      `${BOOKING_API}/bookings/:manageToken`,
      { schema: { params: TokenParams } },
      async (request, reply): Promise<BookingView> => {
        reply.header('cache-control', 'no-store');
        return viewOf(await bookingByManageToken(state, request.params.manageToken));
      },
    );

    app.post(
      `${BOOKING_API}/bookings/:manageToken/cancel`,
      { schema: { params: TokenParams } },
      async (request): Promise<BookingView> => {
        const { manageToken } = request.params;
        const { appointment } = await bookingByManageToken(state, manageToken);
        const booked = await cancelBooking(state, appointment.siteId, appointment.id);
        const booking = await viewOf(booked);
        tell('cancelled', booking, booked, manageToken);
        return booking;
      },
    );

    app.post(
      `${BOOKING_API}/bookings/:manageToken/move`,
      { schema: { params: TokenParams, body: MoveRequestSchema } },
      async (request): Promise<BookingView> => {
        const { manageToken } = request.params;
        const { appointment } = await bookingByManageToken(state, manageToken);
        const booked = await moveBooking(
          state,
          appointment.siteId,
          appointment.id,
          request.body.startsAt,
          'online',
        );
        const booking = await viewOf(booked);
        tell('moved', booking, booked, manageToken);
        return booking;
      },
    );
  };
}
