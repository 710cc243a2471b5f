/**
 * A check-in, as Easy!Appointments can take one: the status `checkedInStatus` written on the
 * appointment (`PUT /appointments/{id}` with only `status`), after a GET that
 *
 * - makes a replay harmless: already checked in, nothing is sent (`replayed`);
 * - refuses for good (409) a cancelled booking, and a deleted one, which is how EA's own cancel
 *   link cancels (`booking-cancelled` for staff);
 * - refuses for good (409) a booking EA now has on another day than the ticket's (`booking-moved`):
 *   the citizen's real appointment, on that other day, is not marked as attended;
 *
 * and not at all while the providers' zone and the kiosk's disagree (./provider-zone.ts).
 */
import {
  CheckInRecordSchema,
  CheckInRequestSchema,
  type CheckInRecord,
  type CheckInRequest,
} from '../../../../src-shared/contract/townhall-api';
import { localDayOf } from '../../../../src-shared/domain/site-time';
import type { CheckInOutcome } from '../../backend';
import { BackendError } from '../../backend-error';
import type { EaClient } from './ea-client';
import type { EaAppointment } from './ea-schemas';
import { mapStatus, type MappedAppointment, type StatusOptions } from './mapping';
import type { ProviderZone } from './provider-zone';

export interface EaCheckInParts {
  ea: Pick<EaClient, 'getAppointment' | 'setAppointmentStatus'>;
  options: StatusOptions;
  zone: Pick<ProviderZone, 'current'>;
  /** An EA record mapped in `zone` (a `malformed` BackendError when it cannot be). */
  mapRecord: (record: EaAppointment, zone: string) => MappedAppointment;
  /** EA's clock, for the record's `receivedAt`. */
  serverNow: () => Date;
}

export function createEaCheckIn(parts: EaCheckInParts) {
  const { options } = parts;
  const malformed = (message: string): BackendError =>
    new BackendError('malformed', `Easy!Appointments: ${message}`);

  return async function postCheckIn(request: CheckInRequest): Promise<CheckInOutcome> {
    const parsed = CheckInRequestSchema.safeParse(request);
    if (!parsed.success) {
      throw new BackendError(
        'http',
        'check-in request does not fit the contract',
        400,
        'bad-request',
      );
    }
    const checkIn = parsed.data;
    if (!/^[1-9]\d{0,17}$/.test(checkIn.appointmentId)) {
      throw checkIn.bookingToken !== undefined
        ? new BackendError(
            'http',
            `unknown-appointment: ${checkIn.appointmentId} is not an Easy!Appointments id`,
            422,
            'unknown-appointment',
          )
        : new BackendError(
            'http',
            `bad-request: ${checkIn.appointmentId} is not an Easy!Appointments id`,
            400,
            'bad-request',
          );
    }
    // Nothing is read or written in EA while its times cannot be read right.
    const zone = await parts.zone.current();
    const current = await parts.ea.getAppointment(checkIn.appointmentId);
    if (current === null) {
      // EA deletes what it cancels: the booking is gone for good, so this is final (409/422).
      throw checkIn.bookingToken !== undefined
        ? new BackendError(
            'http',
            `unknown-appointment: ${checkIn.appointmentId} is not in Easy!Appointments`,
            422,
            'unknown-appointment',
          )
        : new BackendError(
            'http',
            `conflict: appointment ${checkIn.appointmentId} was cancelled in Easy!Appointments ` +
              '(its cancel link deletes the booking)',
            409,
            'conflict',
          );
    }
    const status = mapStatus(current.status, options);
    if (status === 'cancelled') {
      throw new BackendError(
        'http',
        `conflict: appointment ${checkIn.appointmentId} is cancelled`,
        409,
        'conflict',
      );
    }
    const recorded = (replayed: boolean): CheckInOutcome => {
      const record: CheckInRecord = { ...checkIn, receivedAt: parts.serverNow().toISOString() };
      return { record: CheckInRecordSchema.parse(record), replayed };
    };
    // Already checked in: a replay of a push whose answer was lost, whatever EA did since.
    if (status === 'checked-in') return recorded(true);
    // Moved to another day since the kiosk cached it: the ticket is today's, the booking is not
    // any more, and EA's real appointment must not be marked as attended.
    const ticketDay = localDayOf(new Date(checkIn.issuedAt), zone);
    const bookingDay = localDayOf(new Date(parts.mapRecord(current, zone).startsAt), zone);
    if (bookingDay !== ticketDay) {
      throw new BackendError(
        'http',
        `conflict: appointment ${checkIn.appointmentId} was moved to ${bookingDay} in ` +
          `Easy!Appointments; the ticket is of ${ticketDay}`,
        409,
        'conflict',
      );
    }
    const updated = await parts.ea.setAppointmentStatus(
      checkIn.appointmentId,
      options.checkedInStatus,
    );
    if (mapStatus(updated.status, options) !== 'checked-in') {
      throw malformed(
        `status "${options.checkedInStatus}" was not stored (answer says "${updated.status ?? ''}")`,
      );
    }
    return recorded(false);
  };
}
