/**
 * The online booking contract (docs/booking.md): what the public booking page and the Turnero
 * server say to each other under `/book/api`, and what the administrator's schedule pages and
 * the back office send. One file, so the page, the server and the tests read the same shapes.
 *
 * Times: a slot is named by its start as an RFC 3339 instant; `localDay` / `localTime` are the
 * site's wall clock (its time zone), for display. The server is the only judge of capacity.
 */
import { z } from 'zod';
import { LanguageSchema, LocalizedTextSchema } from '../domain/language';
import { LOCAL_DAY_PATTERN, LOCAL_TIME_PATTERN } from '../domain/site-time';

export const LocalDaySchema = z.string().regex(LOCAL_DAY_PATTERN);
export const LocalTimeSchema = z.string().regex(LOCAL_TIME_PATTERN);
export const ServiceIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);

/** How a booking's holder is reached: the page and staff take the same forms. */
const EmailSchema = z.email().max(200);
const PhoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ]{9,20}$/);

/** 43 base64url characters: 32 random bytes. The server keeps only its hash. */
export const ManageTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

// ─── Schedules (administrator) ────────────────────────────────────────────────────────────────

/** One opening span of a weekday, `opens` < `closes`, site-local wall clock. */
export const OpeningSpanSchema = z.object({ opens: LocalTimeSchema, closes: LocalTimeSchema });
export type OpeningSpan = z.infer<typeof OpeningSpanSchema>;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const WeekdaySchema = z.number().int().min(1).max(7);

export const BookingScheduleSchema = z.object({
  serviceId: ServiceIdSchema,
  /** Bookable online at all (staff can still book for citizens when false). */
  online: z.boolean(),
  /** Spans per ISO weekday ('1'…'7'); a weekday absent or empty is closed. */
  week: z.record(z.enum(['1', '2', '3', '4', '5', '6', '7']), z.array(OpeningSpanSchema).max(4)),
  slotMinutes: z.number().int().min(5).max(240),
  /** Bookings one slot takes at once: how many desks serve the service in parallel. */
  desks: z.number().int().min(1).max(50),
  /** Bookings open this many days ahead (today counts as day 0). */
  daysAhead: z.number().int().min(1).max(180),
  /** No booking for a slot starting less than this many minutes from now. */
  cutoffMinutes: z.number().int().min(0).max(10080),
  /** Ask for the DNI/NIE (checked with its letter; only its salted hash is kept). */
  requiresCitizenId: z.boolean(),
});
export type BookingSchedule = z.infer<typeof BookingScheduleSchema>;

export const HolidayScopeSchema = z.enum(['national', 'regional', 'local', 'closure']);
export const HolidaySchema = z.object({
  day: LocalDaySchema,
  name: z.string().trim().min(1).max(120),
  scope: HolidayScopeSchema,
  /** A closure of one service only; null closes the whole office. */
  serviceId: ServiceIdSchema.nullable(),
});
export type Holiday = z.infer<typeof HolidaySchema>;

/** Office-wide booking rules. */
export const BookingPolicySchema = z.object({
  /** Active (future, not cancelled) bookings one e-mail or phone may hold at once. */
  maxActivePerContact: z.number().int().min(1).max(20),
  /** Days after its date a booking's personal data is erased. */
  purgeAfterDays: z.number().int().min(0).max(365),
  /** Who is responsible for the data, as the privacy notice names it. */
  controllerName: z.string().trim().min(1).max(200),
  /** Where citizens exercise their rights (an address, an e-mail, a web page). */
  rightsContact: z.string().trim().min(1).max(300),
});
export type BookingPolicy = z.infer<typeof BookingPolicySchema>;

// ─── Public booking page ──────────────────────────────────────────────────────────────────────

export const BookableServiceSchema = z.object({
  id: ServiceIdSchema,
  names: LocalizedTextSchema,
  slotMinutes: z.number().int(),
  requiresCitizenId: z.boolean(),
});
export type BookableService = z.infer<typeof BookableServiceSchema>;

/** GET /book/api/sites/:siteId */
export const BookingSiteSchema = z.object({
  siteId: z.string(),
  name: z.string(),
  timeZone: z.string(),
  services: z.array(BookableServiceSchema),
  privacy: BookingPolicySchema.pick({
    purgeAfterDays: true,
    controllerName: true,
    rightsContact: true,
  }),
});
export type BookingSite = z.infer<typeof BookingSiteSchema>;

/** GET /book/api/sites/:siteId/services/:serviceId/days → only days with a free slot. */
export const FreeDaysSchema = z.object({
  days: z.array(z.object({ day: LocalDaySchema, freeSlots: z.number().int().min(1) })),
});
export type FreeDays = z.infer<typeof FreeDaysSchema>;

/** GET /book/api/sites/:siteId/services/:serviceId/days/:day/slots → free slots of one day. */
export const FreeSlotsSchema = z.object({
  day: LocalDaySchema,
  slots: z.array(
    z.object({
      startsAt: z.iso.datetime({ offset: true }),
      localTime: LocalTimeSchema,
      free: z.number().int().min(1),
    }),
  ),
});
export type FreeSlots = z.infer<typeof FreeSlotsSchema>;

/**
 * GET /book/api/challenge → an ALTCHA v2 challenge (altcha-lib `createChallenge`: SHA-256, cost
 * 1, deterministic counter, signed by the server). The page solves it with altcha-lib's
 * `solveChallenge` and the SHA-256 `deriveKey` (`altcha-lib/algorithms/web/sha` in a browser)
 * and sends `proof` = base64 of JSON `{ challenge, solution }`. A solution books once: after any
 * refusal the page asks for a new challenge.
 */
export const ProofChallengeSchema = z.object({
  parameters: z.looseObject({
    algorithm: z.string(),
    nonce: z.string(),
    salt: z.string(),
    cost: z.number(),
    keyLength: z.number(),
    keyPrefix: z.string(),
  }),
  signature: z.string(),
});
export type ProofChallenge = z.infer<typeof ProofChallengeSchema>;

/** What a citizen sends to book (POST /book/api/sites/:siteId/bookings). */
export const BookingRequestSchema = z
  .object({
    serviceId: ServiceIdSchema,
    startsAt: z.iso.datetime({ offset: true }),
    name: z.string().trim().min(1).max(120),
    email: EmailSchema.optional(),
    phone: PhoneSchema.optional(),
    /** DNI/NIE, only where the service requires it; hashed at once, never stored. */
    citizenId: z.string().trim().max(20).optional(),
    language: LanguageSchema,
    /** The citizen read the privacy notice; the server refuses a booking without it. */
    privacyAccepted: z.literal(true),
    /** The solved proof-of-work challenge (ALTCHA payload, base64). */
    proof: z.string().min(1).max(4000),
  })
  .refine((request) => request.email !== undefined || request.phone !== undefined, {
    message: 'an e-mail or a phone is required',
    path: ['email'],
  });
export type BookingRequest = z.infer<typeof BookingRequestSchema>;

export const BookingStatusSchema = z.enum(['booked', 'cancelled', 'checked-in']);

/** A booking as its holder sees it (confirmation page, manage link, e-mail). */
export const BookingViewSchema = z.object({
  code: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  serviceId: ServiceIdSchema,
  serviceNames: LocalizedTextSchema,
  startsAt: z.iso.datetime({ offset: true }),
  localDay: LocalDaySchema,
  localTime: LocalTimeSchema,
  slotMinutes: z.number().int(),
  status: BookingStatusSchema,
  language: LanguageSchema,
  /** The signed booking token the kiosk verifies offline: the QR's content. Null once cancelled. */
  bookingToken: z.string().max(1000).nullable(),
});
export type BookingView = z.infer<typeof BookingViewSchema>;

/** 201 from a booking: the view and the manage token, given this once and never again. */
export const BookingConfirmationSchema = z.object({
  booking: BookingViewSchema,
  manageToken: ManageTokenSchema,
});
export type BookingConfirmation = z.infer<typeof BookingConfirmationSchema>;

/** POST /book/api/bookings/:manageToken/move */
export const MoveRequestSchema = z.object({ startsAt: z.iso.datetime({ offset: true }) });

/**
 * Error codes the booking API answers with (body `{ error: { code, message } }`), each with a
 * translated text on the page. `slot-taken`: the last place of that slot went to someone else.
 */
export const BookingErrorCodeSchema = z.enum([
  'bad-request',
  'not-found',
  'slot-taken',
  'slot-unavailable',
  'contact-limit',
  'citizen-id-invalid',
  'proof-failed',
  'rate-limited',
  'already-cancelled',
  'internal',
]);
export type BookingErrorCode = z.infer<typeof BookingErrorCodeSchema>;

export const BookingErrorSchema = z.object({
  error: z.object({ code: BookingErrorCodeSchema, message: z.string().max(500) }),
});

// ─── Back office (staff) ──────────────────────────────────────────────────────────────────────

/** A staff booking for a citizen who phoned or came in: no proof of work, no contact needed. */
export const StaffBookingRequestSchema = z.object({
  serviceId: ServiceIdSchema,
  startsAt: z.iso.datetime({ offset: true }),
  name: z.string().trim().min(1).max(120),
  email: EmailSchema.optional(),
  phone: PhoneSchema.optional(),
  citizenId: z.string().trim().max(20).optional(),
  language: LanguageSchema,
});
export type StaffBookingRequest = z.infer<typeof StaffBookingRequestSchema>;

/** One row of the day's bookings in the back office. */
export const DayBookingSchema = z.object({
  appointmentId: z.string(),
  code: z.string(),
  serviceId: ServiceIdSchema,
  startsAt: z.iso.datetime({ offset: true }),
  localTime: LocalTimeSchema,
  status: BookingStatusSchema,
  name: z.string(),
  contact: z.string(),
  source: z.enum(['online', 'staff']),
});
export type DayBooking = z.infer<typeof DayBookingSchema>;
