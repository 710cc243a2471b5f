/**
 * A booking as its holder sees it (`BookingView`): the appointment's code, time and status with
 * the site's and service's names, and the signed booking token the kiosk verifies offline
 * (issued as the API issues it: routes/sites.ts), none once the booking is cancelled.
 */
import type { BookingView } from '../../src-shared/contract/booking';
import type { AppointmentStatus } from '../../src-shared/domain/appointment-status';
import { toLocalDateTime } from '../../src-shared/domain/site-time';
import type { ServerState } from '../context';
import { issueToken } from '../routes/sites';
import type { StoredAppointment } from '../store/appointments-repository';
import type { StoredBooking } from '../store/bookings-repository';

/** What the holder is told: a missed booking (no-show) still reads as booked. */
const statusOf = (status: AppointmentStatus): BookingView['status'] =>
  status === 'no-show' ? 'booked' : status;

/** The slot length a booking is shown with when its service no longer has a schedule. */
const UNSCHEDULED_SLOT_MINUTES = 10;

export async function bookingView(
  state: ServerState,
  appointment: StoredAppointment,
  booking: Pick<StoredBooking, 'language'>,
): Promise<BookingView> {
  const { store } = state;
  const site = await store.sites.getSite(appointment.siteId);
  if (!site) throw new Error(`unknown site ${appointment.siteId}`);
  const service = await store.sites.getService(appointment.siteId, appointment.serviceId);
  const schedule = await store.bookingSettings.getSchedule(
    appointment.siteId,
    appointment.serviceId,
  );
  const local = toLocalDateTime(new Date(appointment.startsAt), site.timeZone);
  const status = statusOf(appointment.status);
  const bookingToken =
    status === 'cancelled'
      ? null
      : (await issueToken(store, state.activeKey, appointment.siteId, appointment.id, state.now()))
          .token;
  return {
    code: appointment.code,
    siteId: appointment.siteId,
    siteName: site.name,
    serviceId: appointment.serviceId,
    serviceNames: service?.names ?? { es: appointment.serviceId },
    startsAt: new Date(appointment.startsAt).toISOString(),
    localDay: local.day,
    localTime: local.time,
    slotMinutes: schedule?.slotMinutes ?? UNSCHEDULED_SLOT_MINUTES,
    status,
    language: booking.language,
    bookingToken,
  };
}
