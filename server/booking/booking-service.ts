/**
 * Booking, cancelling and moving (docs/booking.md): each reads what the capacity rule needs and
 * writes the appointment in ONE transaction locked on the site (`store.transaction(…, siteId)`),
 * so two citizens racing for the last place of a slot get one booking and one `slot-taken`.
 * A booking IS an appointment (AppointmentsRepository: its change log carries it to the kiosks'
 * delta feed); the `bookings` row beside it holds the holder's data. Used by the public API
 * (source 'online') and the back office ('staff': no proof of work, no contact limit, the same
 * capacity rule). Nobody is notified here: the routes do that once the transaction committed.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { BookingSchedule } from '../../src-shared/contract/booking';
import { parseIdDocument } from '../../src-shared/domain/id-document';
import type { Language } from '../../src-shared/domain/language';
import { localDayOf } from '../../src-shared/domain/site-time';
import type { ServerState } from '../context';
import type { StoredAppointment } from '../store/appointments-repository';
import type { BookingSource, StoredBooking } from '../store/bookings-repository';
import type { Repositories } from '../store/store';
import { uniqueBookingCode } from './booking-codes';
import { BookingHttpError } from './booking-errors';
import { contactHashes, normaliseEmail } from './contact';
import { slotVerdict } from './free-slots';

export interface BookingInput {
  serviceId: string;
  startsAt: string;
  name: string;
  email?: string | undefined;
  phone?: string | undefined;
  citizenId?: string | undefined;
  language: Language;
}

export interface BookedAppointment {
  appointment: StoredAppointment;
  booking: StoredBooking;
}

export interface NewBookingResult extends BookedAppointment {
  /** Given to the holder once; only its SHA-256 is kept. */
  manageToken: string;
}

/** The stored form of a manage token: hex SHA-256 (the token has 256 random bits). */
export const manageTokenHash = (token: string): string =>
  createHash('sha256').update(token, 'utf8').digest('hex');

const notFound = (what: string) => new BookingHttpError(404, 'not-found', `${what} is not known`);

/** The schedule of a service a booking of this source may use. */
async function scheduleFor(
  repositories: Repositories,
  siteId: string,
  serviceId: string,
  source: BookingSource,
): Promise<BookingSchedule> {
  const service = await repositories.sites.getService(siteId, serviceId);
  const schedule = await repositories.bookingSettings.getSchedule(siteId, serviceId);
  if (!service || !schedule || (source === 'online' && !schedule.online)) {
    throw notFound(`bookable service ${serviceId}`);
  }
  return schedule;
}

/** Throws `slot-taken` or `slot-unavailable` unless the slot at `startsAt` has a free place. */
async function claimSlot(
  repositories: Repositories,
  siteId: string,
  schedule: BookingSchedule,
  startsAt: Date,
  now: Date,
  exceptAppointmentId: string | null,
): Promise<void> {
  const timeZone = await repositories.sites.timeZoneOf(siteId);
  const day = localDayOf(startsAt, timeZone);
  const rules = {
    schedule,
    holidays: await repositories.bookingSettings.listHolidays(siteId, day),
    timeZone,
    now,
  };
  const taken = await repositories.bookings.takenStarts(
    siteId,
    schedule.serviceId,
    day,
    day,
    exceptAppointmentId,
  );
  const verdict = slotVerdict(rules, startsAt, taken);
  if (verdict === 'taken') {
    throw new BookingHttpError(409, 'slot-taken', 'the last place of that slot has just gone');
  }
  if (verdict === 'unavailable') {
    throw new BookingHttpError(409, 'slot-unavailable', 'no slot can be booked at that time');
  }
}

/** The salted hash of the DNI/NIE, checked with its letter; null when none is needed or given. */
async function citizenIdHashOf(
  repositories: Repositories,
  siteId: string,
  schedule: BookingSchedule,
  citizenId: string | undefined,
  source: BookingSource,
): Promise<string | null> {
  if (citizenId === undefined || citizenId === '') {
    if (schedule.requiresCitizenId && source === 'online') {
      throw new BookingHttpError(400, 'citizen-id-invalid', 'this service needs a DNI or NIE');
    }
    return null;
  }
  const parsed = parseIdDocument(citizenId);
  if (!parsed.ok || parsed.type === 'passport') {
    throw new BookingHttpError(400, 'citizen-id-invalid', 'not a valid DNI or NIE');
  }
  return repositories.sites.citizenIdHash(siteId, parsed.normalised);
}

export async function createBooking(
  state: ServerState,
  siteId: string,
  input: BookingInput,
  source: BookingSource,
): Promise<NewBookingResult> {
  const now = state.now();
  const startsAt = new Date(input.startsAt);
  return state.store.transaction(async (repositories) => {
    const site = await repositories.sites.getSite(siteId);
    if (!site?.idHashSalt) throw notFound(`site ${siteId}`);
    const schedule = await scheduleFor(repositories, siteId, input.serviceId, source);
    const citizenIdHash = await citizenIdHashOf(
      repositories,
      siteId,
      schedule,
      input.citizenId,
      source,
    );
    const contact = { email: input.email ?? null, phone: input.phone ?? null };
    const hashes = contactHashes(site.idHashSalt, contact);
    if (source === 'online') {
      const policy = await repositories.bookingSettings.getPolicy(siteId, site.name);
      const active = await repositories.bookings.countActiveForContact(
        siteId,
        hashes.emailHash,
        hashes.phoneHash,
        now.toISOString(),
      );
      if (active >= policy.maxActivePerContact) {
        throw new BookingHttpError(
          409,
          'contact-limit',
          `this contact already holds ${active} active bookings`,
        );
      }
    }
    await claimSlot(repositories, siteId, schedule, startsAt, now, null);
    const code = await uniqueBookingCode((candidate) =>
      repositories.bookings.codeInUse(siteId, candidate),
    );
    const appointment = await repositories.appointments.insert(siteId, {
      id: `bk-${randomUUID()}`,
      code,
      serviceId: input.serviceId,
      startsAt: startsAt.toISOString(),
      status: 'booked',
      citizenIdHash,
    });
    const manageToken = randomBytes(32).toString('base64url');
    const booking: StoredBooking = {
      siteId,
      appointmentId: appointment.id,
      name: input.name,
      email: contact.email ? normaliseEmail(contact.email) : null,
      phone: contact.phone,
      ...hashes,
      manageTokenSha256: manageTokenHash(manageToken),
      language: input.language,
      source,
      createdAtMs: now.getTime(),
    };
    await repositories.bookings.insert(siteId, booking);
    return { appointment, booking, manageToken };
  }, siteId);
}

/** The booking a manage token opens. */
export async function bookingByManageToken(
  state: ServerState,
  manageToken: string,
): Promise<BookedAppointment> {
  const booking = await state.store.bookings.byManageToken(manageTokenHash(manageToken));
  const appointment = booking && (await state.store.appointments.get(booking.appointmentId));
  if (!booking || !appointment) throw notFound('booking');
  return { appointment, booking };
}

/** Reads a booking again under the site's lock, refusing one that cannot change any more. */
async function changeableBooking(
  repositories: Repositories,
  appointmentId: string,
  siteId: string,
  now: Date,
): Promise<BookedAppointment> {
  const appointment = await repositories.appointments.get(appointmentId);
  const booking = await repositories.bookings.byAppointment(appointmentId);
  if (!appointment || !booking || appointment.siteId !== siteId) throw notFound('booking');
  if (appointment.status === 'cancelled') {
    throw new BookingHttpError(409, 'already-cancelled', 'the booking is cancelled');
  }
  if (appointment.status !== 'booked' || new Date(appointment.startsAt) < now) {
    throw new BookingHttpError(409, 'slot-unavailable', 'the booking has already taken place');
  }
  return { appointment, booking };
}

export async function cancelBooking(
  state: ServerState,
  siteId: string,
  appointmentId: string,
): Promise<BookedAppointment> {
  const now = state.now();
  return state.store.transaction(async (repositories) => {
    const { booking } = await changeableBooking(repositories, appointmentId, siteId, now);
    const appointment = await repositories.appointments.update(appointmentId, {
      status: 'cancelled',
    });
    return { appointment, booking };
  }, siteId);
}

export async function moveBooking(
  state: ServerState,
  siteId: string,
  appointmentId: string,
  startsAt: string,
  source: BookingSource,
): Promise<BookedAppointment> {
  const now = state.now();
  return state.store.transaction(async (repositories) => {
    const current = await changeableBooking(repositories, appointmentId, siteId, now);
    const schedule = await scheduleFor(repositories, siteId, current.appointment.serviceId, source);
    await claimSlot(repositories, siteId, schedule, new Date(startsAt), now, appointmentId);
    const appointment = await repositories.appointments.update(appointmentId, {
      startsAt: new Date(startsAt).toISOString(),
    });
    return { appointment, booking: current.booking };
  }, siteId);
}
