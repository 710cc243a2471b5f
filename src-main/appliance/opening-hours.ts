/**
 * The office's opening hours, per weekday, on the site's wall clock. The appliance keeps the
 * display awake while the office is open and installs updates only while it is closed, so every
 * question here is asked about an instant and answered in the site's time zone (DST included).
 */
import { z } from 'zod';
import {
  addDays,
  fromLocalDateTime,
  localDayOf,
  type LocalDay,
} from '../../src-shared/domain/site-time';

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export type OpeningHours = Readonly<Record<Weekday, readonly string[]>>;

const RANGE_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)-(([01]\d|2[0-3]):([0-5]\d)|24:00)$/;

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
}

/** `"08:30-14:30"` → its start and end on the day's wall clock. */
function parseRange(range: string): { from: string; to: string } {
  const [from = '', to = ''] = range.split('-');
  return { from, to };
}

const dayRangesSchema = z
  .array(
    z
      .string()
      .regex(RANGE_PATTERN, 'expected "HH:MM-HH:MM" (24-hour clock, 24:00 allowed as an end)')
      .refine((range) => {
        const { from, to } = parseRange(range);
        return minutesOf(from) < minutesOf(to);
      }, 'a range must end after it starts (split a range across midnight in two days)'),
  )
  .max(6)
  .refine((ranges) => {
    const sorted = ranges.map(parseRange).sort((a, b) => minutesOf(a.from) - minutesOf(b.from));
    return sorted.every(
      (range, index) =>
        index === 0 || minutesOf(sorted[index - 1]?.to ?? '') <= minutesOf(range.from),
    );
  }, 'ranges of one day must not overlap')
  .default([]);

/** A typical Spanish citizen office, with margin: weekdays 07:00–21:00, closed at weekends. */
export const DEFAULT_OPENING_HOURS: OpeningHours = {
  mon: ['07:00-21:00'],
  tue: ['07:00-21:00'],
  wed: ['07:00-21:00'],
  thu: ['07:00-21:00'],
  fri: ['07:00-21:00'],
  sat: [],
  sun: [],
};

/** Every hour of every day: a kiosk in setup mode, with its technician at it, keeps its display on. */
export const ALWAYS_OPEN: OpeningHours = {
  mon: ['00:00-24:00'],
  tue: ['00:00-24:00'],
  wed: ['00:00-24:00'],
  thu: ['00:00-24:00'],
  fri: ['00:00-24:00'],
  sat: ['00:00-24:00'],
  sun: ['00:00-24:00'],
};

export const OpeningHoursSchema = z
  .object({
    mon: dayRangesSchema,
    tue: dayRangesSchema,
    wed: dayRangesSchema,
    thu: dayRangesSchema,
    fri: dayRangesSchema,
    sat: dayRangesSchema,
    sun: dayRangesSchema,
  })
  .strict()
  .default(() => ({
    mon: [...DEFAULT_OPENING_HOURS.mon],
    tue: [...DEFAULT_OPENING_HOURS.tue],
    wed: [...DEFAULT_OPENING_HOURS.wed],
    thu: [...DEFAULT_OPENING_HOURS.thu],
    fri: [...DEFAULT_OPENING_HOURS.fri],
    sat: [...DEFAULT_OPENING_HOURS.sat],
    sun: [...DEFAULT_OPENING_HOURS.sun],
  }));

/** A stretch of time, `end` excluded. */
export interface TimeSpan {
  start: Date;
  end: Date;
}

/** How far ahead the schedule is looked at: past a full week every pattern has repeated. */
const HORIZON_DAYS = 8;

function weekdayOf(day: LocalDay): Weekday {
  return WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()] as Weekday;
}

/** The open stretches from the day before `instant` to HORIZON_DAYS after, merged and sorted. */
function openSpans(hours: OpeningHours, instant: Date, timeZone: string): Array<[number, number]> {
  const today = localDayOf(instant, timeZone);
  const spans: Array<[number, number]> = [];
  for (let offset = -1; offset <= HORIZON_DAYS; offset += 1) {
    const day = addDays(today, offset);
    for (const range of hours[weekdayOf(day)]) {
      const { from, to } = parseRange(range);
      const start = fromLocalDateTime(day, from, timeZone).getTime();
      const end =
        to === '24:00'
          ? fromLocalDateTime(addDays(day, 1), '00:00', timeZone).getTime()
          : fromLocalDateTime(day, to, timeZone).getTime();
      if (end > start) spans.push([start, end]);
    }
  }
  spans.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([span[0], span[1]]);
  }
  return merged;
}

export function isOpenAt(hours: OpeningHours, instant: Date, timeZone: string): boolean {
  const now = instant.getTime();
  return openSpans(hours, instant, timeZone).some(([start, end]) => start <= now && now < end);
}

/** The next instant after `instant` at which the office opens or closes; null if it never does. */
export function nextChangeAfter(hours: OpeningHours, instant: Date, timeZone: string): Date | null {
  const now = instant.getTime();
  const boundaries = openSpans(hours, instant, timeZone).flat();
  const next = boundaries.find((boundary) => boundary > now);
  return next === undefined ? null : new Date(next);
}

/**
 * The closed stretch `instant` is in, or else the next one: from now (or the next closing) to the
 * next opening. Null when the office never closes. An office that never opens again within the
 * horizon is closed to the end of it.
 */
export function closedSpanFrom(
  hours: OpeningHours,
  instant: Date,
  timeZone: string,
): TimeSpan | null {
  const now = instant.getTime();
  const spans = openSpans(hours, instant, timeZone);
  const horizonEnd = now + HORIZON_DAYS * 24 * 3600_000;
  let closedFrom = now;
  for (const [start, end] of spans) {
    if (end <= closedFrom) continue;
    if (start > closedFrom) return { start: new Date(closedFrom), end: new Date(start) };
    // Open at `closedFrom`: the closed stretch begins when this opening ends.
    closedFrom = end;
  }
  return closedFrom >= horizonEnd
    ? null
    : { start: new Date(closedFrom), end: new Date(horizonEnd) };
}
