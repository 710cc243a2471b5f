/**
 * Free-slot computation for online booking (server/booking/free-slots.ts): the free days of 10
 * services over 30 days ahead, each Monday–Friday 09:00–14:00 plus two afternoons, 10-minute
 * slots at 2 desks, with two thirds of the places already booked (and some bookings off the
 * grid, as a town hall's own system makes them), national holidays in the window. One "full
 * computation" is all 10 services' free days, what the booking page's calendars of a whole office
 * ask for; also one day's slots. Median and p95 over RUNS after WARM_UP. Printed, never asserted.
 *
 * `runBookingSlotsBench(report)` is called from bench/run.ts; alone: `npx tsx bench/booking-slots.ts`.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { BookingSchedule, Holiday } from '../src-shared/contract/booking';
import { addDays, localDayOf } from '../src-shared/domain/site-time';
import {
  freeDays,
  freeSlotsOfDay,
  scheduledSlots,
  type SlotRules,
} from '../server/booking/free-slots';
import type { Report } from './results';

const SERVICES = 10;
const DAYS_AHEAD = 30;
const WARM_UP = 20;
const RUNS = 200;
const ZONE = 'Europe/Madrid';
const NOW = new Date('2026-11-30T08:00:00.000Z');

const morning = [{ opens: '09:00', closes: '14:00' }];
const withAfternoon = [...morning, { opens: '16:00', closes: '18:30' }];
const week: BookingSchedule['week'] = {
  1: morning,
  2: withAfternoon,
  3: morning,
  4: withAfternoon,
  5: morning,
  6: [],
  7: [],
};

const holidays: Holiday[] = [
  { day: '2026-12-08', name: 'Inmaculada Concepción', scope: 'national', serviceId: null },
  { day: '2026-12-25', name: 'Natividad del Señor', scope: 'national', serviceId: null },
];

function serviceRules(index: number): SlotRules {
  return {
    schedule: {
      serviceId: `svc-${index}`,
      online: true,
      week,
      slotMinutes: 10,
      desks: 2,
      daysAhead: DAYS_AHEAD,
      cutoffMinutes: 60,
      requiresCitizenId: false,
    },
    holidays,
    timeZone: ZONE,
    now: NOW,
  };
}

/** Two of every three places booked, every seventh booking five minutes off the slot's start. */
function bookingsOf(rules: SlotRules): number[] {
  const taken: number[] = [];
  const today = localDayOf(NOW, ZONE);
  let count = 0;
  for (let offset = 0; offset <= DAYS_AHEAD; offset += 1) {
    for (const slot of scheduledSlots(rules.schedule, addDays(today, offset), ZONE)) {
      for (let place = 0; place < rules.schedule.desks; place += 1) {
        count += 1;
        if (count % 3 === 0) continue;
        taken.push(slot.startsAt.getTime() + (count % 7 === 0 ? 5 * 60_000 : 0));
      }
    }
  }
  return taken.sort((a, b) => a - b);
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;

function timed(work: () => void): number[] {
  for (let run = 0; run < WARM_UP; run += 1) work();
  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

export function runBookingSlotsBench(report: Report): Promise<void> {
  const services = Array.from({ length: SERVICES }, (_, index) => serviceRules(index));
  const taken = services.map(bookingsOf);
  const bookings = taken.reduce((sum, list) => sum + list.length, 0);
  let freeFound = 0;
  const full = timed(() => {
    freeFound = 0;
    for (const [index, rules] of services.entries()) {
      freeFound += freeDays(rules, taken[index] as number[]).length;
    }
  });
  report(
    `free days, ${SERVICES} services × ${DAYS_AHEAD} days (${bookings} bookings)`,
    `${percentile(full, 50).toFixed(2)} ms median (p95 ${percentile(full, 95).toFixed(2)} ms)`,
  );
  const day = addDays(localDayOf(NOW, ZONE), 1);
  const oneDay = timed(() => {
    freeSlotsOfDay(services[0] as SlotRules, day, taken[0] as number[]);
  });
  report(
    `free slots of one day, one service`,
    `${percentile(oneDay, 50).toFixed(3)} ms median (p95 ${percentile(oneDay, 95).toFixed(3)} ms)`,
  );
  if (freeFound === 0) throw new Error('the bench found no free day: its bookings are wrong');
  return Promise.resolve();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void runBookingSlotsBench((what, result) => console.log(`${what.padEnd(62)} ${result}`));
}
