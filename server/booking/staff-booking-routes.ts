/**
 * The back office (`/office/api/bookings`, desk staff and up; docs/booking.md): the day's
 * bookings with their holders, the free slots of any scheduled service (bookable online or
 * not), and booking, cancelling and moving for a citizen who phones or comes in — no proof of
 * work, no contact limit, the same capacity rule in the same site-locked transaction
 * (booking-service.ts). Audited with the booking code only, never the citizen's data. A holder
 * with a contact is told of a new booking as online (the manage link is theirs).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { BookingConfirmation, DayBooking, FreeSlots } from '../../src-shared/contract/booking';
import {
  DayBookingsQuerySchema,
  StaffBookRequestSchema,
  StaffCancelRequestSchema,
  StaffMoveRequestSchema,
  StaffSlotsQuerySchema,
  type DayBookingsView,
} from '../../src-shared/contract/booking-office';
import { localDayOf, toLocalDateTime } from '../../src-shared/domain/site-time';
import { audit } from '../staff/desk-service';
import { requireStaff } from '../staff/guards';
import { OfficeHttpError } from '../staff/office-errors';
import { officeSiteOf } from '../staff/office-site';
import { manageUrl, notifyHolder, type BookingContext } from './booking-context';
import { BookingHttpError } from './booking-errors';
import {
  cancelBooking,
  createBooking,
  moveBooking,
  type BookedAppointment,
} from './booking-service';
import { bookingView } from './booking-view';
import { freeSlotsByRules } from './public-queries';

const BOOKINGS = '/office/api/bookings';

/** A booking refusal in the office's terms; its message is the booking code the page translates. */
function asOfficeError(error: unknown): unknown {
  if (!(error instanceof BookingHttpError)) return error;
  const code =
    error.statusCode === 404 ? 'not-found' : error.statusCode === 409 ? 'conflict' : 'bad-request';
  return new OfficeHttpError(error.statusCode, code, error.code);
}

const refusedAsOffice = async <T>(work: Promise<T>): Promise<T> => {
  try {
    return await work;
  } catch (error) {
    throw asOfficeError(error);
  }
};

export function staffBookingRoutes(context: BookingContext) {
  const { state } = context;
  return async (plain: FastifyInstance): Promise<void> => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const guard = { preHandler: requireStaff('desk') };
    const { store } = state;

    /**
     * Tells the holder of a booking staff changed, when they left a contact. Without a manage
     * link: only its hash is kept, and the holder still has the one of their confirmation.
     */
    const tellHolder = async (kind: 'moved' | 'cancelled', changed: BookedAppointment) => {
      const { booking } = changed;
      if (booking.email === null && booking.phone === null) return;
      notifyHolder(context, {
        kind,
        booking: await bookingView(state, changed.appointment, booking),
        manageUrl: null,
        email: booking.email,
        phone: booking.phone,
        name: booking.name,
      });
    };

    const dayView = async (siteId: string, day: string): Promise<DayBookingsView> => {
      const timeZone = await store.sites.timeZoneOf(siteId);
      const scheduled = new Set(
        (await store.bookingSettings.listSchedules(siteId)).map((entry) => entry.serviceId),
      );
      const bookings: DayBooking[] = [];
      for (const booking of await store.bookings.ofDay(siteId, day)) {
        const appointment = await store.appointments.get(booking.appointmentId);
        if (!appointment) continue;
        bookings.push({
          appointmentId: appointment.id,
          code: appointment.code,
          serviceId: appointment.serviceId,
          startsAt: appointment.startsAt,
          localTime: toLocalDateTime(new Date(appointment.startsAt), timeZone).time,
          status: appointment.status === 'no-show' ? 'booked' : appointment.status,
          name: booking.name,
          contact: booking.email ?? booking.phone ?? '',
          source: booking.source,
        });
      }
      return {
        siteId,
        day,
        services: (await store.sites.listServices(siteId))
          .filter((service) => scheduled.has(service.id))
          .map((service) => ({ id: service.id, name: service.names.es })),
        bookings,
      };
    };

    app.get(
      BOOKINGS,
      { ...guard, schema: { querystring: DayBookingsQuerySchema } },
      async (request) => {
        const siteId = await officeSiteOf(state, request.query.site);
        const day =
          request.query.day ?? localDayOf(state.now(), await store.sites.timeZoneOf(siteId));
        return dayView(siteId, day);
      },
    );

    app.get(
      `${BOOKINGS}/slots`,
      { ...guard, schema: { querystring: StaffSlotsQuerySchema } },
      async (request): Promise<FreeSlots> => {
        const siteId = await officeSiteOf(state, request.query.site);
        const { serviceId, day } = request.query;
        const schedule = await store.bookingSettings.getSchedule(siteId, serviceId);
        if (!schedule) throw new OfficeHttpError(404, 'not-found', 'service has no schedule');
        const rules = {
          schedule,
          holidays: await store.bookingSettings.listHolidays(siteId, day),
          timeZone: await store.sites.timeZoneOf(siteId),
          now: state.now(),
        };
        return freeSlotsByRules(state, siteId, rules, day);
      },
    );

    app.post(
      BOOKINGS,
      { ...guard, schema: { body: StaffBookRequestSchema } },
      async (request, reply): Promise<BookingConfirmation> => {
        const { site, ...input } = request.body;
        const siteId = await officeSiteOf(state, site);
        const booked = await refusedAsOffice(createBooking(state, siteId, input, 'staff'));
        await audit(state, request.staff, siteId, 'booking-staff-create', {
          code: booked.appointment.code,
          serviceId: booked.appointment.serviceId,
        });
        const booking = await bookingView(state, booked.appointment, booked.booking);
        if (booked.booking.email !== null || booked.booking.phone !== null) {
          notifyHolder(context, {
            kind: 'confirmed',
            booking,
            manageUrl: manageUrl(context, booked.manageToken),
            email: booked.booking.email,
            phone: booked.booking.phone,
            name: booked.booking.name,
          });
        }
        reply.code(201);
        return { booking, manageToken: booked.manageToken };
      },
    );

    app.post(
      `${BOOKINGS}/cancel`,
      { ...guard, schema: { body: StaffCancelRequestSchema } },
      async (request) => {
        const siteId = await officeSiteOf(state, request.body.site);
        const cancelled = await refusedAsOffice(
          cancelBooking(state, siteId, request.body.appointmentId),
        );
        await audit(state, request.staff, siteId, 'booking-staff-cancel', {
          code: cancelled.appointment.code,
        });
        await tellHolder('cancelled', cancelled);
        return dayView(siteId, cancelled.appointment.localDay);
      },
    );

    app.post(
      `${BOOKINGS}/move`,
      { ...guard, schema: { body: StaffMoveRequestSchema } },
      async (request) => {
        const siteId = await officeSiteOf(state, request.body.site);
        const moved = await refusedAsOffice(
          moveBooking(state, siteId, request.body.appointmentId, request.body.startsAt, 'staff'),
        );
        await audit(state, request.staff, siteId, 'booking-staff-move', {
          code: moved.appointment.code,
        });
        await tellHolder('moved', moved);
        return dayView(siteId, moved.appointment.localDay);
      },
    );
  };
}
