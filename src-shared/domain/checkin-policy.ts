/**
 * Whether a cached appointment may be checked in now. Pure: the store finds the appointment,
 * this decides, the kiosk service acts.
 */
import type { AppointmentStatus } from './appointment-status';
import { addDays, toLocalDateTime } from './site-time';

export interface CheckInWindow {
  /** How long before the appointment a ticket may be taken. */
  minutesBefore: number;
  /** How long after the appointment time a ticket may still be taken. */
  minutesAfter: number;
}

export interface AppointmentFacts {
  status: AppointmentStatus;
  startsAt: string;
  localDay: string;
  localTime: string;
}

export type CheckInDecision =
  | { allowed: true }
  | {
      allowed: false;
      reason: 'booking-cancelled' | 'booking-not-today' | 'too-early' | 'too-late';
      params: Record<string, string>;
    };

/** Where a booking's day lies from today (site-local), for the citizen's next step. */
export type BookingDayRelation = 'tomorrow' | 'later' | 'past';

export function bookingDayRelation(day: string, today: string): BookingDayRelation {
  if (day < today) return 'past';
  return day === addDays(today, 1) ? 'tomorrow' : 'later';
}

/**
 * What a `booking-not-today` refusal tells: the booking's site-local day (`YYYY-MM-DD`) and time
 * (`HH:MM`), and `when` it is from today, so the screen can say "mañana a las 10:30".
 */
export function bookingNotTodayParams(
  appointment: Pick<AppointmentFacts, 'localDay' | 'localTime'>,
  today: string,
): { day: string; time: string; when: BookingDayRelation } {
  return {
    day: appointment.localDay,
    time: appointment.localTime,
    when: bookingDayRelation(appointment.localDay, today),
  };
}

export function decideCheckIn(
  appointment: AppointmentFacts,
  now: Date,
  timeZone: string,
  window: CheckInWindow,
): CheckInDecision {
  // "checked-in" is not refused here: the caller returns the ticket already issued for it.
  // A "no-show" who turns up late within the window is welcome: the town hall accepts it too.
  if (appointment.status === 'cancelled') {
    return { allowed: false, reason: 'booking-cancelled', params: {} };
  }
  const today = toLocalDateTime(now, timeZone).day;
  if (appointment.localDay !== today) {
    return {
      allowed: false,
      reason: 'booking-not-today',
      params: bookingNotTodayParams(appointment, today),
    };
  }
  const startsAt = new Date(appointment.startsAt).getTime();
  const opensAt = startsAt - window.minutesBefore * 60000;
  if (now.getTime() < opensAt) {
    return {
      allowed: false,
      reason: 'too-early',
      params: {
        time: appointment.localTime,
        from: toLocalDateTime(new Date(opensAt), timeZone).time,
      },
    };
  }
  if (now.getTime() > startsAt + window.minutesAfter * 60000) {
    return { allowed: false, reason: 'too-late', params: { time: appointment.localTime } };
  }
  return { allowed: true };
}
