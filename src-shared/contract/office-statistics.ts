/**
 * The office statistics (docs/statistics.md) as the server sends them to the supervisor's page:
 * the query (a site and a range of its local days) and the figures, per day, per site-local hour,
 * per service, per desk and per day × service (the CSV's rows). Durations are whole seconds;
 * a median or 90th percentile of no samples is null.
 */
import { z } from 'zod';
import { LOCAL_DAY_PATTERN } from '../domain/site-time';
import { LocalizedTextSchema } from '../domain/language';
import { SiteIdSchema } from '../domain/site-id';

/** The longest range one request may ask for: a year, leap day included. */
export const MAX_STATISTICS_DAYS = 366;

const LocalDaySchema = z.string().regex(LOCAL_DAY_PATTERN, 'a day as YYYY-MM-DD');

/** Days as `YYYY-MM-DD` compare as text; the span is counted in calendar days. */
const spanInDays = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

export const StatisticsQuerySchema = z
  .object({ site: SiteIdSchema, from: LocalDaySchema, to: LocalDaySchema })
  .refine((query) => query.from <= query.to, { message: 'from must not be after to', path: ['to'] })
  .refine((query) => spanInDays(query.from, query.to) <= MAX_STATISTICS_DAYS, {
    message: `a range of at most ${MAX_STATISTICS_DAYS} days`,
    path: ['to'],
  });
export type StatisticsQuery = z.infer<typeof StatisticsQuerySchema>;

const Seconds = z.number().int().min(0).nullable();
const Count = z.number().int().min(0);

/** The same figures for every group (a day, an hour, a service, a desk, the whole range). */
export const StatisticsFiguresSchema = z.object({
  tickets: Count,
  withAppointment: Count,
  walkIn: Count,
  /** Appointment check-ins by when they came (punctuality thresholds in the answer). */
  onTime: Count,
  early: Count,
  late: Count,
  noShows: Count,
  served: Count,
  /** Check-in → first call, over the called tickets. */
  waitMedianSeconds: Seconds,
  waitP90Seconds: Seconds,
  /** First call → finish, over the served tickets. */
  serviceMedianSeconds: Seconds,
  serviceP90Seconds: Seconds,
});
export type StatisticsFigures = z.infer<typeof StatisticsFiguresSchema>;

export const PunctualityThresholdsSchema = z.object({
  /** A check-in more than this many minutes before the appointment's start is early. */
  earlyBeforeMinutes: Count,
  /** A check-in more than this many minutes after the appointment's start is late. */
  lateAfterMinutes: Count,
});
export type PunctualityThresholds = z.infer<typeof PunctualityThresholdsSchema>;

const named = <T extends z.ZodRawShape>(shape: T) => StatisticsFiguresSchema.extend(shape);

export const OfficeStatisticsSchema = z.object({
  site: SiteIdSchema,
  from: LocalDaySchema,
  to: LocalDaySchema,
  timeZone: z.string(),
  punctuality: PunctualityThresholdsSchema,
  /** Service ids to their names, for the services the site has now. */
  serviceNames: z.record(z.string(), LocalizedTextSchema),
  total: StatisticsFiguresSchema,
  /** Every day of the range, oldest first, days without tickets included. */
  byDay: z.array(named({ day: LocalDaySchema })),
  /** The 24 site-local hours of check-in, 0 to 23, over the whole range. */
  byHour: z.array(named({ hour: z.number().int().min(0).max(23) })),
  /** Services with at least one ticket, in the site's display order (unknown ones last). */
  byService: z.array(named({ serviceId: z.string() })),
  /** Desks that called at least one ticket, by name. */
  byDesk: z.array(named({ desk: z.string() })),
  /** Day × service with at least one ticket: the CSV's rows. */
  byDayAndService: z.array(named({ day: LocalDaySchema, serviceId: z.string() })),
});
export type OfficeStatistics = z.infer<typeof OfficeStatisticsSchema>;
