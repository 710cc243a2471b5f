/**
 * The statistics for the period the technician chose (today, or every day shown): totals, tickets
 * by hour, by service, refusals by reason and printer faults by kind, largest first. Pure: the
 * panel, its charts and tables read this.
 */
import type { DayStatistics, Statistics } from '../../../src-shared/contract/diagnostics';

export type Period = 'today' | 'days';

export interface Tally {
  key: string;
  count: number;
}

export interface PeriodSummary {
  days: DayStatistics[];
  tickets: number;
  withAppointment: number;
  walkIn: number;
  refused: number;
  printerFaults: number;
  byHour: number[];
  byService: Tally[];
  refusals: Tally[];
  faults: Tally[];
}

function merge(tallies: ReadonlyArray<Record<string, number>>): Tally[] {
  const totals = new Map<string, number>();
  for (const tally of tallies) {
    for (const [key, count] of Object.entries(tally))
      totals.set(key, (totals.get(key) ?? 0) + count);
  }
  return [...totals]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

const sum = (tallies: readonly Tally[]): number => tallies.reduce((total, t) => total + t.count, 0);

export function summarise(statistics: Statistics, period: Period): PeriodSummary {
  const days =
    period === 'today'
      ? statistics.days.filter((day) => day.day === statistics.today)
      : statistics.days;
  const refusals = merge(days.map((day) => day.refusals));
  const faults = merge(days.map((day) => day.printerFaults));
  return {
    days,
    tickets: days.reduce((total, day) => total + day.tickets, 0),
    withAppointment: days.reduce((total, day) => total + day.withAppointment, 0),
    walkIn: days.reduce((total, day) => total + day.walkIn, 0),
    refused: sum(refusals),
    printerFaults: sum(faults),
    byHour: Array.from({ length: 24 }, (_, hour) =>
      days.reduce((total, day) => total + (day.byHour[hour] ?? 0), 0),
    ),
    byService: merge(days.map((day) => day.byService)),
    refusals,
    faults,
  };
}
