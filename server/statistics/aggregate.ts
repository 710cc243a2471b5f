/**
 * The office statistics from the tickets of a range (docs/statistics.md): pure, so every figure is
 * tested without a database. Each ticket counts once in its day, its site-local hour of check-in,
 * its service, its day × service and, once called, the desk that first called it.
 */
import type {
  OfficeStatistics,
  PunctualityThresholds,
  StatisticsFigures,
} from '../../src-shared/contract/office-statistics';
import type { LocalizedText } from '../../src-shared/domain/language';
import { addDays, toLocalDateTime } from '../../src-shared/domain/site-time';
import { median, percentile90 } from './percentile';
import { PUNCTUALITY, punctualityOf } from './punctuality';
import type { TicketFacts } from './ticket-facts';

export interface AggregationInput {
  site: string;
  from: string;
  to: string;
  timeZone: string;
  /** The site's services in display order, with their names. */
  services: readonly { id: string; names: LocalizedText }[];
  tickets: readonly TicketFacts[];
  punctuality?: PunctualityThresholds;
}

/** Counts and the duration samples of one group, before the percentiles are taken. */
class Tally {
  private readonly counts = {
    tickets: 0,
    withAppointment: 0,
    walkIn: 0,
    onTime: 0,
    early: 0,
    late: 0,
    noShows: 0,
    served: 0,
  };
  private readonly waits: number[] = [];
  private readonly services: number[] = [];

  add(ticket: TicketFacts, thresholds: PunctualityThresholds): void {
    const counts = this.counts;
    counts.tickets += 1;
    if (ticket.kind === 'walk-in') counts.walkIn += 1;
    else counts.withAppointment += 1;
    if (ticket.kind === 'appointment' && ticket.appointmentStartsAtMs !== null) {
      const punctuality = punctualityOf(
        ticket.issuedAtMs,
        ticket.appointmentStartsAtMs,
        thresholds,
      );
      if (punctuality === 'early') counts.early += 1;
      else if (punctuality === 'late') counts.late += 1;
      else counts.onTime += 1;
    }
    if (ticket.outcome === 'no-show') counts.noShows += 1;
    if (ticket.calledAtMs !== null) {
      // A kiosk clock a little ahead of the server's could make it negative: never less than 0.
      this.waits.push(Math.max(0, ticket.calledAtMs - ticket.issuedAtMs));
    }
    if (ticket.outcome === 'served') {
      counts.served += 1;
      if (ticket.calledAtMs !== null && ticket.finishedAtMs !== null) {
        this.services.push(Math.max(0, ticket.finishedAtMs - ticket.calledAtMs));
      }
    }
  }

  figures(): StatisticsFigures {
    const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 1000));
    return {
      ...this.counts,
      waitMedianSeconds: seconds(median(this.waits)),
      waitP90Seconds: seconds(percentile90(this.waits)),
      serviceMedianSeconds: seconds(median(this.services)),
      serviceP90Seconds: seconds(percentile90(this.services)),
    };
  }
}

class Groups<Key> {
  readonly tallies = new Map<Key, Tally>();

  of(key: Key): Tally {
    let tally = this.tallies.get(key);
    if (!tally) {
      tally = new Tally();
      this.tallies.set(key, tally);
    }
    return tally;
  }
}

/** The site-local hour (0–23) of an instant; both 02:xx of an autumn change fall in hour 2. */
export const localHourOf = (instantMs: number, timeZone: string): number =>
  Number(toLocalDateTime(new Date(instantMs), timeZone).time.slice(0, 2));

export function aggregateStatistics(input: AggregationInput): OfficeStatistics {
  const thresholds = input.punctuality ?? PUNCTUALITY;
  const total = new Tally();
  const days = new Groups<string>();
  for (let day = input.from; day <= input.to; day = addDays(day, 1)) days.of(day);
  const hours = new Groups<number>();
  for (let hour = 0; hour < 24; hour += 1) hours.of(hour);
  const services = new Groups<string>();
  const desks = new Groups<string>();
  const dayServices = new Groups<string>();

  for (const ticket of input.tickets) {
    if (ticket.localDay < input.from || ticket.localDay > input.to) continue;
    const groups = [
      total,
      days.of(ticket.localDay),
      hours.of(localHourOf(ticket.issuedAtMs, input.timeZone)),
      services.of(ticket.serviceId),
      dayServices.of(`${ticket.localDay}\u0000${ticket.serviceId}`),
    ];
    if (ticket.desk !== null && ticket.calledAtMs !== null) groups.push(desks.of(ticket.desk));
    for (const tally of groups) tally.add(ticket, thresholds);
  }

  const position = new Map(input.services.map((service, index) => [service.id, index]));
  const byServiceOrder = (a: string, b: string) =>
    (position.get(a) ?? Infinity) - (position.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0);
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

  return {
    site: input.site,
    from: input.from,
    to: input.to,
    timeZone: input.timeZone,
    punctuality: thresholds,
    serviceNames: Object.fromEntries(input.services.map((service) => [service.id, service.names])),
    total: total.figures(),
    byDay: [...days.tallies].map(([day, tally]) => ({ day, ...tally.figures() })),
    byHour: [...hours.tallies].map(([hour, tally]) => ({ hour, ...tally.figures() })),
    byService: [...services.tallies.keys()]
      .sort(byServiceOrder)
      .map((serviceId) => ({ serviceId, ...services.of(serviceId).figures() })),
    byDesk: [...desks.tallies.keys()]
      .sort(byText)
      .map((desk) => ({ desk, ...desks.of(desk).figures() })),
    byDayAndService: [...dayServices.tallies.keys()]
      .map((key) => key.split('\u0000') as [string, string])
      .sort(([dayA, serviceA], [dayB, serviceB]) =>
        dayA === dayB ? byServiceOrder(serviceA, serviceB) : byText(dayA, dayB),
      )
      .map(([day, serviceId]) => ({
        day,
        serviceId,
        ...dayServices.of(`${day}\u0000${serviceId}`).figures(),
      })),
  };
}
