/**
 * The technician's on-device statistics: today and the last 30 days, as far as retention keeps
 * them (`retention.ticketDays`), from the kiosk's own store: tickets by hour and service, with an
 * appointment or walk-in, refused check-ins by reason, printer faults. Counts only; the rows they
 * come from carry no personal data either (store/statistics-repository.ts).
 */
import type { DayStatistics, Statistics } from '../../src-shared/contract/diagnostics';
import { addDays, localDayOf, toLocalDateTime } from '../../src-shared/domain/site-time';
import type { Store } from '../store/store';
import type { DayCount, TicketFact } from '../store/statistics-repository';

/** Days the panel shows, today included. */
export const STATISTICS_DAYS = 30;

/** The first day shown: 30 days back, or the oldest day retention still keeps. */
export function statisticsFromDay(today: string, retentionDays: number): string {
  const wanted = addDays(today, -(STATISTICS_DAYS - 1));
  const kept = addDays(today, -retentionDays);
  return wanted > kept ? wanted : kept;
}

export interface AggregationInput {
  today: string;
  fromDay: string;
  timeZone: string;
  tickets: readonly TicketFact[];
  refusals: readonly DayCount[];
  printerFaults: readonly DayCount[];
}

const emptyDay = (day: string): DayStatistics => ({
  day,
  tickets: 0,
  withAppointment: 0,
  walkIn: 0,
  byHour: Array.from({ length: 24 }, () => 0),
  byService: {},
  refusals: {},
  printerFaults: {},
});

const add = (tally: Record<string, number>, key: string, count: number): void => {
  tally[key] = (tally[key] ?? 0) + count;
};

/** One entry per day from `fromDay` to `today`, oldest first; rows outside are ignored. */
export function aggregateDays(input: AggregationInput): DayStatistics[] {
  const days = new Map<string, DayStatistics>();
  for (let day = input.fromDay; day <= input.today; day = addDays(day, 1)) {
    days.set(day, emptyDay(day));
  }
  for (const ticket of input.tickets) {
    const day = days.get(ticket.localDay);
    if (!day) continue;
    day.tickets += 1;
    if (ticket.walkIn) day.walkIn += 1;
    else day.withAppointment += 1;
    const hour = Number(
      toLocalDateTime(new Date(ticket.issuedAt), input.timeZone).time.slice(0, 2),
    );
    day.byHour[hour] = (day.byHour[hour] ?? 0) + 1;
    add(day.byService, ticket.serviceId, 1);
  }
  for (const { localDay, key, count } of input.refusals) {
    const day = days.get(localDay);
    if (day) add(day.refusals, key, count);
  }
  for (const { localDay, key, count } of input.printerFaults) {
    const day = days.get(localDay);
    if (day) add(day.printerFaults, key, count);
  }
  return [...days.values()];
}

export interface StatisticsDeps {
  store: Pick<Store, 'statistics' | 'catalog'>;
  timeZone: string;
  retentionDays: number;
  now: () => Date;
}

export function readStatistics(deps: StatisticsDeps): Statistics {
  const { store, timeZone, retentionDays } = deps;
  const today = localDayOf(deps.now(), timeZone);
  const fromDay = statisticsFromDay(today, retentionDays);
  const days = aggregateDays({
    today,
    fromDay,
    timeZone,
    tickets: store.statistics.ticketsFrom(fromDay),
    refusals: store.statistics.refusalsFrom(fromDay),
    printerFaults: store.statistics.printerFaultsFrom(fromDay),
  });
  const known = new Map(store.catalog.listServices().map((service) => [service.id, service.names]));
  const serviceIds = new Set(days.flatMap((day) => Object.keys(day.byService)));
  for (const id of known.keys()) serviceIds.add(id);
  return {
    timeZone,
    today,
    fromDay,
    retentionDays,
    services: [...serviceIds].sort().map((id) => ({ id, names: known.get(id) ?? { es: id } })),
    days,
  };
}

/** What the statistics count themselves: a refused check-in, by reason, on today's local day. */
export function refusalCounter(
  statistics: Pick<Store['statistics'], 'countRefusal'>,
  timeZone: string,
  now: () => Date = () => new Date(),
): (code: string) => void {
  return (code) => statistics.countRefusal(localDayOf(now(), timeZone), code);
}
