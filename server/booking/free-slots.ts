/**
 * The free-slot rule (docs/booking.md, "Capacity"), pure: a service's opening spans of a
 * weekday cut into slots of `slotMinutes` on the site's wall clock; none on an office-wide
 * holiday or a closure of that service; none starting before now + the cut-off or on a day
 * past `daysAhead` (today is day 0); each slot holds `desks` bookings, less the non-cancelled
 * appointments of the service that start within it. Times go through site-time.ts, so a slot
 * is where the wall clock says on a DST change day (a wall-clock time the spring gap skips is
 * no slot). The server is the only judge: the routes and the back office ask this module, inside
 * the transaction that then writes.
 */
import type { BookingSchedule, Holiday } from '../../src-shared/contract/booking';
import {
  addDays,
  fromLocalDateTime,
  localDayOf,
  toLocalDateTime,
} from '../../src-shared/domain/site-time';

export interface SlotRules {
  schedule: BookingSchedule;
  /** The site's holidays and closures (of any service: those of others are ignored). */
  holidays: readonly Holiday[];
  timeZone: string;
  now: Date;
}

export interface FreeSlot {
  startsAt: Date;
  /** `HH:MM` on the site's wall clock. */
  localTime: string;
  free: number;
}

export interface FreeDay {
  day: string;
  freeSlots: number;
}

/** Start instants (epoch ms) of the service's non-cancelled appointments, ascending. */
export type TakenStarts = readonly number[];

export type SlotVerdict = 'free' | 'taken' | 'unavailable';

const MINUTE_MS = 60_000;

const minutesOf = (time: string): number => {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
};

const timeOf = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar day. */
export function isoWeekday(day: string): number {
  const [year, month, dayOfMonth] = day.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(year, month - 1, dayOfMonth)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** True when the office, or this service, is closed on `day`. */
export function isClosedOn(holidays: readonly Holiday[], day: string, serviceId: string): boolean {
  return holidays.some(
    (holiday) =>
      holiday.day === day && (holiday.serviceId === null || holiday.serviceId === serviceId),
  );
}

/** Every slot the week's spans make on `day`, holidays and the clock aside: start and wall time. */
export function scheduledSlots(
  schedule: BookingSchedule,
  day: string,
  timeZone: string,
): { startsAt: Date; localTime: string }[] {
  const weekday = String(isoWeekday(day)) as keyof BookingSchedule['week'];
  const spans = schedule.week[weekday] ?? [];
  const slots: { startsAt: Date; localTime: string }[] = [];
  for (const span of spans) {
    const closes = minutesOf(span.closes);
    for (
      let start = minutesOf(span.opens);
      start + schedule.slotMinutes <= closes;
      start += schedule.slotMinutes
    ) {
      const localTime = timeOf(start);
      const startsAt = fromLocalDateTime(day, localTime, timeZone);
      // A wall-clock time the spring-forward gap skips does not exist: no slot there.
      const back = toLocalDateTime(startsAt, timeZone);
      if (back.day !== day || back.time !== localTime) continue;
      slots.push({ startsAt, localTime });
    }
  }
  return slots.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/** How many of `taken` (ascending) fall in [from, to). */
function countBetween(taken: TakenStarts, from: number, to: number): number {
  const firstAtOrAfter = (value: number): number => {
    let low = 0;
    let high = taken.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((taken[middle] as number) < value) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  return firstAtOrAfter(to) - firstAtOrAfter(from);
}

/** The first and last bookable days and the earliest bookable instant, by `now`. */
export function bookingWindow(rules: SlotRules): {
  firstDay: string;
  lastDay: string;
  earliest: Date;
} {
  const today = localDayOf(rules.now, rules.timeZone);
  return {
    firstDay: today,
    lastDay: addDays(today, rules.schedule.daysAhead),
    earliest: new Date(rules.now.getTime() + rules.schedule.cutoffMinutes * MINUTE_MS),
  };
}

/** Every slot of `day` a booking could take now, with its free places (0 when full). */
function openSlotsOfDay(rules: SlotRules, day: string, taken: TakenStarts): FreeSlot[] {
  const { schedule, holidays, timeZone } = rules;
  const window = bookingWindow(rules);
  if (day < window.firstDay || day > window.lastDay) return [];
  if (isClosedOn(holidays, day, schedule.serviceId)) return [];
  const slotMs = schedule.slotMinutes * MINUTE_MS;
  return scheduledSlots(schedule, day, timeZone)
    .filter((slot) => slot.startsAt.getTime() >= window.earliest.getTime())
    .map((slot) => {
      const start = slot.startsAt.getTime();
      const booked = countBetween(taken, start, start + slotMs);
      return { ...slot, free: Math.max(0, schedule.desks - booked) };
    });
}

/** The slots of `day` with at least one free place. */
export function freeSlotsOfDay(rules: SlotRules, day: string, taken: TakenStarts): FreeSlot[] {
  return openSlotsOfDay(rules, day, taken).filter((slot) => slot.free > 0);
}

/** The days from today to the last bookable one that have at least one free slot. */
export function freeDays(rules: SlotRules, taken: TakenStarts): FreeDay[] {
  const window = bookingWindow(rules);
  const days: FreeDay[] = [];
  for (let day = window.firstDay; day <= window.lastDay; day = addDays(day, 1)) {
    const freeSlots = freeSlotsOfDay(rules, day, taken).length;
    if (freeSlots > 0) days.push({ day, freeSlots });
  }
  return days;
}

/**
 * Whether a booking may take the slot starting at `startsAt` now: 'free', 'taken' (a real slot,
 * full) or 'unavailable' (no slot starts then: closed, too soon, too far, not on the grid).
 */
export function slotVerdict(rules: SlotRules, startsAt: Date, taken: TakenStarts): SlotVerdict {
  const day = localDayOf(startsAt, rules.timeZone);
  const slot = openSlotsOfDay(rules, day, taken).find(
    (candidate) => candidate.startsAt.getTime() === startsAt.getTime(),
  );
  if (!slot) return 'unavailable';
  return slot.free > 0 ? 'free' : 'taken';
}
