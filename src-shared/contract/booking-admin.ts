/**
 * The administrator's booking pages (`/office/api/admin/booking/*`, docs/booking.md): what they
 * read (a site's schedules, holidays and policy) and send. Every change is audited old → new.
 * The shapes themselves are the booking contract's (booking.ts).
 */
import { z } from 'zod';
import { BookingPolicySchema, BookingScheduleSchema, HolidaySchema } from './booking';

const SiteField = { site: z.string().max(64).optional() };

export const StoredHolidaySchema = HolidaySchema.extend({ id: z.string().max(64) });
export type StoredHolidayView = z.infer<typeof StoredHolidaySchema>;

/** GET /office/api/admin/booking: everything the pages edit, for one site. */
export const BookingAdminViewSchema = z.object({
  siteId: z.string(),
  /** The site's services (id and Spanish name), scheduled or not. */
  services: z.array(z.object({ id: z.string(), name: z.string() })),
  schedules: z.array(BookingScheduleSchema),
  holidays: z.array(StoredHolidaySchema),
  policy: BookingPolicySchema,
});
export type BookingAdminView = z.infer<typeof BookingAdminViewSchema>;

/** POST /office/api/admin/booking/schedule: creates or replaces one service's schedule. */
export const PutScheduleRequestSchema = z.object({
  ...SiteField,
  schedule: BookingScheduleSchema.refine(
    (schedule) =>
      Object.values(schedule.week).every((spans) =>
        spans.every((span) => span.opens < span.closes),
      ),
    { message: 'every span opens before it closes', path: ['week'] },
  ),
});

/** POST /office/api/admin/booking/holidays: adds a holiday or closure. */
export const AddHolidayRequestSchema = z.object({ ...SiteField, holiday: HolidaySchema });

/** POST /office/api/admin/booking/holidays/remove */
export const RemoveHolidayRequestSchema = z.object({ ...SiteField, id: z.string().max(64) });

/** POST /office/api/admin/booking/policy */
export const PutPolicyRequestSchema = z.object({ ...SiteField, policy: BookingPolicySchema });
