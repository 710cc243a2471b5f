/**
 * Stretches of the week on the site's wall clock: per weekday, ranges such as `"08:30-14:30"`.
 * The lobby screen's quiet hours use them (no chime and no speech then). A range that crosses
 * midnight is written as two, one on each day, so every question is "is this wall-clock minute of
 * this weekday inside a range?" and daylight-saving changes need no special case.
 */
import { z } from 'zod';
import { toLocalDateTime } from './site-time';

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const RANGE_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)-(([01]\d|2[0-3]):([0-5]\d)|24:00)$/;

function minutesOf(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** `"08:30-14:30"` → [510, 870]: minutes of the day, end excluded. */
function rangeMinutes(range: string): [number, number] {
  const [from = '', to = ''] = range.split('-');
  return [minutesOf(from), minutesOf(to)];
}

export const DayRangesSchema = z
  .array(
    z
      .string()
      .regex(RANGE_PATTERN, 'expected "HH:MM-HH:MM" (24-hour clock, 24:00 allowed as an end)')
      .refine((range) => {
        const [from, to] = rangeMinutes(range);
        return from < to;
      }, 'a range must end after it starts (split a range across midnight in two days)'),
  )
  .max(6)
  .default([]);

export const WeeklyHoursSchema = z
  .object({
    mon: DayRangesSchema,
    tue: DayRangesSchema,
    wed: DayRangesSchema,
    thu: DayRangesSchema,
    fri: DayRangesSchema,
    sat: DayRangesSchema,
    sun: DayRangesSchema,
  })
  .strict();
export type WeeklyHours = Readonly<Record<Weekday, readonly string[]>>;

/** No stretch at all: nothing is ever inside. A new object each time, for schema defaults. */
export function emptyWeek(): Record<Weekday, string[]> {
  return { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
}

/** True when `instant`, on the wall clock of `timeZone`, falls inside one of the day's ranges. */
export function isWithinWeeklyHours(hours: WeeklyHours, instant: Date, timeZone: string): boolean {
  const local = toLocalDateTime(instant, timeZone);
  const weekday = WEEKDAYS[new Date(`${local.day}T00:00:00Z`).getUTCDay()] as Weekday;
  const minute = minutesOf(local.time);
  return hours[weekday].some((range) => {
    const [from, to] = rangeMinutes(range);
    return from <= minute && minute < to;
  });
}
