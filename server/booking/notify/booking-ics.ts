/**
 * A booking as an iCalendar file (RFC 5545), for "add to calendar" on the confirmation page and
 * the e-mail's attachment: its start in UTC, its length, the office as the place and the booking
 * code in the description. The UID is the booking code, so a moved or cancelled booking's file
 * replaces the first one in the holder's calendar instead of adding a second event.
 */
import { createEvent, type EventAttributes } from 'ics';
import type { BookingView } from '../../../src-shared/contract/booking';
import { bookingTexts, localName } from './booking-texts';

/** Calendars order the versions of one event by SEQUENCE: a later change must count higher. */
export interface BookingIcsOptions {
  /** When the file is made: its DTSTAMP and the sequence of this version. */
  now: Date;
  /** The manage page, as the event's URL; none for a cancelled booking. */
  manageUrl?: string;
}

const UID_DOMAIN = 'turnero.booking';

export function bookingIcs(booking: BookingView, options: BookingIcsOptions): string {
  const texts = bookingTexts(booking.language);
  const service = localName(booking.serviceNames, booking.language);
  const cancelled = booking.status === 'cancelled';
  // `timestamp` (DTSTAMP) is read by the package but missing from its typings.
  const event: EventAttributes & { timestamp: number } = {
    timestamp: options.now.getTime(),
    uid: `${booking.code}@${UID_DOMAIN}`,
    productId: 'turnero/booking',
    start: Date.parse(booking.startsAt),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: booking.slotMinutes },
    title: texts('icsTitle', { service, office: booking.siteName }),
    description: texts('icsDescription', { code: booking.code }),
    location: booking.siteName,
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    method: cancelled ? 'CANCEL' : 'PUBLISH',
    // Seconds since the epoch: each later version of the file is a higher sequence.
    sequence: Math.floor(options.now.getTime() / 1000),
    created: options.now.getTime(),
    ...(options.manageUrl && !cancelled ? { url: options.manageUrl } : {}),
  };
  const { error, value } = createEvent(event);
  if (error || value === null) {
    throw new Error(`the booking ${booking.code} cannot be written as iCalendar: ${String(error)}`);
  }
  return value;
}
