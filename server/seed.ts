/**
 * Seed documents for the reference Town Hall API: a site, its services and its appointments.
 * Appointment times may be relative (a day like `today` or `+1` with a site-local time, or an
 * offset in minutes from the moment the seed is loaded) so the demo works on any day at any hour.
 * The format is documented in docs/townhall-seed-format.md; keep the two in step.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  BookingPolicySchema,
  BookingScheduleSchema,
  HolidaySchema,
  type BookingPolicy,
  type BookingSchedule,
  type Holiday,
} from '../src-shared/contract/booking';
import {
  EnrolmentRequestSchema,
  SiteSchema,
  ServiceSchema,
  type Service,
  type Site,
} from '../src-shared/contract/townhall-api';
import {
  AppointmentStatusSchema,
  type AppointmentStatus,
} from '../src-shared/domain/appointment-status';
import { BOOKING_CODE_ALPHABET, BOOKING_CODE_PREFIX } from '../src-shared/domain/booking-code';
import { parseIdDocument } from '../src-shared/domain/id-document';
import {
  addDays,
  fromLocalDateTime,
  isValidTimeZone,
  localDayOf,
  LOCAL_DAY_PATTERN,
  LOCAL_TIME_PATTERN,
} from '../src-shared/domain/site-time';
import { EnrolmentCodeSpecSchema, type EnrolmentCodeSpec } from './enrolment-codes';
import demoSeedJson from './seeds/demo.json' with { type: 'json' };

const bookingCodePattern = new RegExp(`^${BOOKING_CODE_PREFIX}-[${BOOKING_CODE_ALPHABET}]{6}$`);

/** `today`, `+N` / `-N` days from today (site-local), or an absolute `YYYY-MM-DD`. */
const SeedDaySchema = z
  .string()
  .refine(
    (value) => value === 'today' || /^[+-]\d{1,3}$/.test(value) || LOCAL_DAY_PATTERN.test(value),
    {
      message: 'expected "today", "+N", "-N" or YYYY-MM-DD',
    },
  );

const SeedAppointmentSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,63}$/)
      .optional()
      .describe('Defaults to "apt-" and the lower-cased code body'),
    code: z
      .string()
      .regex(
        bookingCodePattern,
        `expected ${BOOKING_CODE_PREFIX}-XXXXXX in ${BOOKING_CODE_ALPHABET}`,
      ),
    serviceId: z.string().min(1).max(64),
    day: SeedDaySchema.optional(),
    time: z.string().regex(LOCAL_TIME_PATTERN, 'expected HH:MM').optional(),
    offsetMinutes: z.number().int().min(-10080).max(10080).optional(),
    status: AppointmentStatusSchema.default('booked'),
    citizenId: z
      .string()
      .max(40)
      .transform((value, context) => {
        const parsed = parseIdDocument(value);
        if (parsed.ok) return parsed.normalised;
        context.addIssue({
          code: 'custom',
          message:
            parsed.reason === 'id-document-letter'
              ? `DNI/NIE check letter should be ${parsed.expectedLetter}`
              : 'expected a DNI, NIE or passport number',
        });
        return z.NEVER;
      })
      .optional()
      .describe('Made-up DNI/NIE/passport of the citizen; the server stores only its salted hash'),
  })
  .superRefine((appointment, context) => {
    const absolute = appointment.day !== undefined || appointment.time !== undefined;
    const relative = appointment.offsetMinutes !== undefined;
    if (absolute === relative) {
      context.addIssue({
        code: 'custom',
        message: 'give either "day" and "time", or "offsetMinutes" (not both)',
      });
    } else if (absolute && (appointment.day === undefined || appointment.time === undefined)) {
      context.addIssue({ code: 'custom', message: '"day" and "time" go together' });
    }
  });
export type SeedAppointment = z.infer<typeof SeedAppointmentSchema>;

/** Online booking of the seed's site (docs/booking.md): loaded with the site, then edited. */
const SeedBookingSchema = z.strictObject({
  $comment: z.string().optional(),
  schedules: z.array(BookingScheduleSchema).max(200).default([]),
  holidays: z.array(HolidaySchema).max(2000).default([]),
  policy: BookingPolicySchema.optional(),
});
export type SeedBooking = z.infer<typeof SeedBookingSchema>;

export const SeedDocumentSchema = z
  .strictObject({
    $comment: z.string().optional(),
    site: SiteSchema.refine((site) => isValidTimeZone(site.timeZone), {
      message: 'unknown IANA time zone',
      path: ['timeZone'],
    }),
    services: z.array(ServiceSchema).min(1).max(200),
    appointments: z.array(SeedAppointmentSchema).max(20000).default([]),
    enrolmentCodes: z
      .array(z.union([EnrolmentRequestSchema.shape.enrolmentCode, EnrolmentCodeSpecSchema]))
      .max(1000)
      .optional()
      .describe(
        'One-time codes a technician exchanges for a device credential: a plain code (any new ' +
          'kiosk, 24 hours) or {code, kioskId, ttlMinutes?, replace?}',
      ),
    desks: z
      .array(z.string().min(1).max(40))
      .min(1)
      .max(50)
      .optional()
      .describe('Desks staff call turns to; default Mesa 1, Mesa 2, Mesa 3'),
    booking: SeedBookingSchema.optional().describe(
      'Online booking: schedules per service, holidays and closures, the booking policy',
    ),
  })
  .superRefine((seed, context) => {
    const duplicates = (values: string[]) =>
      values.filter((value, index) => values.indexOf(value) !== index);
    for (const id of duplicates(seed.services.map((service) => service.id))) {
      context.addIssue({
        code: 'custom',
        path: ['services'],
        message: `duplicate service id ${id}`,
      });
    }
    for (const prefix of duplicates(seed.services.map((service) => service.prefix))) {
      context.addIssue({
        code: 'custom',
        path: ['services'],
        message: `duplicate prefix ${prefix}`,
      });
    }
    const codes = (seed.enrolmentCodes ?? []).map((entry) =>
      typeof entry === 'string' ? entry : entry.code,
    );
    for (const code of duplicates(codes)) {
      context.addIssue({
        code: 'custom',
        path: ['enrolmentCodes'],
        message: `duplicate enrolment code ${code}`,
      });
    }
    for (const desk of duplicates(seed.desks ?? [])) {
      context.addIssue({ code: 'custom', path: ['desks'], message: `duplicate desk ${desk}` });
    }
    for (const code of duplicates(seed.appointments.map((appointment) => appointment.code))) {
      context.addIssue({
        code: 'custom',
        path: ['appointments'],
        message: `duplicate code ${code}`,
      });
    }
    const serviceIds = new Set(seed.services.map((service) => service.id));
    for (const [index, entry] of [
      ...(seed.booking?.schedules ?? []),
      ...(seed.booking?.holidays ?? []),
    ].entries()) {
      if (entry.serviceId !== null && !serviceIds.has(entry.serviceId)) {
        context.addIssue({
          code: 'custom',
          path: ['booking', index],
          message: `unknown service ${entry.serviceId}`,
        });
      }
    }
    seed.appointments.forEach((appointment, index) => {
      if (!serviceIds.has(appointment.serviceId)) {
        context.addIssue({
          code: 'custom',
          path: ['appointments', index, 'serviceId'],
          message: `unknown service ${appointment.serviceId}`,
        });
      }
    });
  });
export type SeedDocument = z.infer<typeof SeedDocumentSchema>;
export type SeedDocumentInput = z.input<typeof SeedDocumentSchema>;

/** An appointment of a seed with its instant fixed. */
export interface ResolvedAppointment {
  id: string;
  code: string;
  serviceId: string;
  startsAt: string;
  status: AppointmentStatus;
  /** Normalised ID number, hashed by the server when loading; never stored in clear. */
  citizenId?: string;
}

export interface ResolvedSeed {
  site: Site;
  services: Service[];
  appointments: ResolvedAppointment[];
  /** One-time enrolment codes, in clear here; the server stores only their hashes. */
  enrolmentCodes: EnrolmentCodeSpec[];
  desks?: string[];
  booking?: { schedules: BookingSchedule[]; holidays: Holiday[]; policy?: BookingPolicy };
}

export class SeedError extends Error {
  constructor(source: string, detail: string) {
    super(`Invalid seed ${source}: ${detail}`);
    this.name = 'SeedError';
  }
}

/** Validates an already-parsed seed document. */
export function parseSeed(value: unknown, source = 'document'): SeedDocument {
  const result = SeedDocumentSchema.safeParse(value);
  if (!result.success) throw new SeedError(source, z.prettifyError(result.error));
  return result.data;
}

/** Reads and validates a seed: `demo` (the bundled demo town hall) or a JSON file path. */
export function loadSeed(source: 'demo' | (string & {})): SeedDocument {
  if (source === 'demo') return parseSeed(demoSeedJson, 'demo');
  let text: string;
  try {
    text = readFileSync(source, 'utf8');
  } catch (error) {
    throw new SeedError(source, error instanceof Error ? error.message : String(error));
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SeedError(source, `not JSON (${error instanceof Error ? error.message : ''})`);
  }
  return parseSeed(json, source);
}

const MINUTE = 60_000;

function resolveDay(day: string, today: string): string {
  if (day === 'today') return today;
  if (/^[+-]\d+$/.test(day)) return addDays(today, Number(day));
  return day;
}

/**
 * Fixes every appointment to an instant. `loadedAt` is truncated to the minute so that relative
 * appointments show tidy times (10:37, not 10:37:42) on the kiosk and the confirmation.
 */
/**
 * An offset of less than a day means "around now, today": near midnight, "in 20 minutes" would
 * otherwise be tomorrow, and a demo or test run at 23:50 would find half its bookings "not
 * today", so it is kept to the first or last minute of the load day. Offsets of a day or more
 * keep the day they land on.
 */
function aroundNow(base: number, offsetMinutes: number, today: string, timeZone: string): Date {
  const instant = new Date(base + offsetMinutes * MINUTE);
  if (Math.abs(offsetMinutes) >= 24 * 60) return instant;
  const day = localDayOf(instant, timeZone);
  if (day === today) return instant;
  return fromLocalDateTime(today, day < today ? '00:00' : '23:59', timeZone);
}

export function resolveSeed(seed: SeedDocument, loadedAt: Date): ResolvedSeed {
  const { timeZone } = seed.site;
  const today = localDayOf(loadedAt, timeZone);
  const base = Math.floor(loadedAt.getTime() / MINUTE) * MINUTE;
  return {
    site: seed.site,
    services: seed.services,
    enrolmentCodes: (seed.enrolmentCodes ?? []).map((entry) =>
      typeof entry === 'string' ? { code: entry } : entry,
    ),
    ...(seed.desks ? { desks: seed.desks } : {}),
    ...(seed.booking
      ? {
          booking: {
            schedules: seed.booking.schedules,
            holidays: seed.booking.holidays,
            ...(seed.booking.policy ? { policy: seed.booking.policy } : {}),
          },
        }
      : {}),
    appointments: seed.appointments.map((appointment) => {
      const startsAt =
        appointment.offsetMinutes !== undefined
          ? aroundNow(base, appointment.offsetMinutes, today, timeZone)
          : fromLocalDateTime(
              resolveDay(appointment.day ?? 'today', today),
              appointment.time ?? '00:00',
              timeZone,
            );
      return {
        id:
          appointment.id ??
          `apt-${appointment.code.slice(BOOKING_CODE_PREFIX.length + 1).toLowerCase()}`,
        code: appointment.code,
        serviceId: appointment.serviceId,
        startsAt: startsAt.toISOString(),
        status: appointment.status,
        ...(appointment.citizenId ? { citizenId: appointment.citizenId } : {}),
      };
    }),
  };
}
