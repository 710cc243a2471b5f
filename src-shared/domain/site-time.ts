/**
 * Site-local calendar arithmetic. The office's day (ticket numbering, "today's appointments")
 * follows the wall clock of the site's IANA time zone, DST included, so every conversion goes
 * through Intl rather than a fixed UTC offset.
 */

/** A calendar day in the site's zone, `YYYY-MM-DD`. */
export type LocalDay = string;

export interface LocalDateTime {
  day: LocalDay;
  /** `HH:MM`, 24-hour clock. */
  time: string;
}

const formatterCache = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatterCache.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatterCache.set(timeZone, formatter);
  }
  return formatter;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    partsFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** The site-local day and time of an instant. */
export function toLocalDateTime(instant: Date, timeZone: string): LocalDateTime {
  const clock = wallClock(instant, timeZone);
  return {
    day: `${pad(clock.year, 4)}-${pad(clock.month)}-${pad(clock.day)}`,
    time: `${pad(clock.hour)}:${pad(clock.minute)}`,
  };
}

export function localDayOf(instant: Date, timeZone: string): LocalDay {
  return toLocalDateTime(instant, timeZone).day;
}

/** Offset of the zone from UTC at an instant, in minutes (Madrid: +60 in winter, +120 in summer). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const clock = wallClock(instant, timeZone);
  const asUtc = Date.UTC(
    clock.year,
    clock.month - 1,
    clock.day,
    clock.hour,
    clock.minute,
    clock.second,
  );
  const truncated = Math.floor(instant.getTime() / 1000) * 1000;
  return Math.round((asUtc - truncated) / 60000);
}

/**
 * The instant at which a site-local wall-clock time occurs. A time skipped by a spring-forward
 * gap resolves to the instant just after the gap; an ambiguous autumn time resolves to its
 * first occurrence.
 */
export function fromLocalDateTime(day: LocalDay, time: string, timeZone: string): Date {
  const [year, month, dayOfMonth] = day.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const naiveUtc = Date.UTC(year, month - 1, dayOfMonth, hour, minute);
  // Two passes settle on the right offset on either side of a DST transition.
  const firstGuess = naiveUtc - zoneOffsetMinutes(new Date(naiveUtc), timeZone) * 60000;
  const earlier = naiveUtc - zoneOffsetMinutes(new Date(firstGuess - 3600000), timeZone) * 60000;
  const later = naiveUtc - zoneOffsetMinutes(new Date(firstGuess), timeZone) * 60000;
  for (const candidate of [Math.min(earlier, later), Math.max(earlier, later)]) {
    const local = toLocalDateTime(new Date(candidate), timeZone);
    if (local.day === day && local.time === time) return new Date(candidate);
  }
  return new Date(Math.max(earlier, later));
}

/** The first instant of a site-local day (local midnight). */
export function startOfLocalDay(day: LocalDay, timeZone: string): Date {
  return fromLocalDateTime(day, '00:00', timeZone);
}

/** `day` shifted by a number of calendar days. */
export function addDays(day: LocalDay, days: number): LocalDay {
  const [year, month, dayOfMonth] = day.split('-').map(Number) as [number, number, number];
  const shifted = new Date(Date.UTC(year, month - 1, dayOfMonth + days));
  return shifted.toISOString().slice(0, 10);
}

export const LOCAL_DAY_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const LOCAL_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
