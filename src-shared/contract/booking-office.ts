/**
 * The back office's booking API (`/office/api/bookings/*`, desk staff and up; docs/booking.md):
 * the day's bookings, the free slots a staff booking may take (online or not), and book, cancel
 * and move for a citizen who phones or comes in. The shapes are the booking contract's.
 */
import { z } from 'zod';
import {
  DayBookingSchema,
  LocalDaySchema,
  ServiceIdSchema,
  StaffBookingRequestSchema,
} from './booking';

const SiteField = { site: z.string().max(64).optional() };

/** GET /office/api/bookings?site&day */
export const DayBookingsQuerySchema = z.object({ ...SiteField, day: LocalDaySchema.optional() });

export const DayBookingsViewSchema = z.object({
  siteId: z.string(),
  day: LocalDaySchema,
  /** The services a booking can be made for (scheduled), with their Spanish names. */
  services: z.array(z.object({ id: ServiceIdSchema, name: z.string() })),
  bookings: z.array(DayBookingSchema),
});
export type DayBookingsView = z.infer<typeof DayBookingsViewSchema>;

/** GET /office/api/bookings/slots?site&serviceId&day → FreeSlots (booking.ts). */
export const StaffSlotsQuerySchema = z.object({
  ...SiteField,
  serviceId: ServiceIdSchema,
  day: LocalDaySchema,
});

/** POST /office/api/bookings → BookingConfirmation (booking.ts). */
export const StaffBookRequestSchema = StaffBookingRequestSchema.extend(SiteField);

/** POST /office/api/bookings/cancel and …/move → the day's view of the booking's day. */
export const StaffCancelRequestSchema = z.object({
  ...SiteField,
  appointmentId: z.string().max(64),
});
export const StaffMoveRequestSchema = StaffCancelRequestSchema.extend({
  startsAt: z.iso.datetime({ offset: true }),
});
