/**
 * The statistics panel's period summary and its CSV, over fixed statistics: totals, breakdowns
 * largest first, one CSV row per day, measure and category, nothing but counts.
 */
import { describe, expect, it } from 'vitest';
import type { DayStatistics, Statistics } from '../../src-shared/contract/diagnostics';
import { StatisticsSchema } from '../../src-shared/contract/diagnostics';
import {
  CSV_HEADER,
  statisticsCsv,
  statisticsCsvName,
} from '../../src-renderer/technician/statistics/statistics-csv';
import { summarise } from '../../src-renderer/technician/statistics/statistics-summary';

const hours = (counts: Record<number, number>) =>
  Array.from({ length: 24 }, (_, hour) => counts[hour] ?? 0);

const day = (patch: Partial<DayStatistics> & { day: string }): DayStatistics => ({
  tickets: 0,
  withAppointment: 0,
  walkIn: 0,
  byHour: hours({}),
  byService: {},
  refusals: {},
  printerFaults: {},
  ...patch,
});

const STATISTICS: Statistics = StatisticsSchema.parse({
  timeZone: 'Europe/Madrid',
  today: '2026-11-30',
  fromDay: '2026-11-29',
  retentionDays: 31,
  services: [{ id: 'padron', names: { es: 'Padrón, altas y bajas' } }],
  days: [
    day({
      day: '2026-11-29',
      tickets: 3,
      withAppointment: 2,
      walkIn: 1,
      byHour: hours({ 9: 2, 13: 1 }),
      byService: { padron: 2, 'registro,general': 1 },
      refusals: { 'too-early': 2 },
    }),
    day({
      day: '2026-11-30',
      tickets: 1,
      withAppointment: 1,
      byHour: hours({ 10: 1 }),
      byService: { padron: 1 },
      refusals: { 'booking-not-found': 3, 'too-early': 1 },
      printerFaults: { 'paper-out': 1 },
    }),
  ],
});

describe('the period summary', () => {
  it('is today alone, or every day shown, with breakdowns largest first', () => {
    expect(summarise(STATISTICS, 'today')).toMatchObject({
      tickets: 1,
      withAppointment: 1,
      walkIn: 0,
      refused: 4,
      printerFaults: 1,
      refusals: [
        { key: 'booking-not-found', count: 3 },
        { key: 'too-early', count: 1 },
      ],
    });
    const days = summarise(STATISTICS, 'days');
    expect(days).toMatchObject({ tickets: 4, withAppointment: 3, walkIn: 1, refused: 6 });
    expect(days.byService).toEqual([
      { key: 'padron', count: 3 },
      { key: 'registro,general', count: 1 },
    ]);
    // A tie is in the keys' order.
    expect(days.refusals).toEqual([
      { key: 'booking-not-found', count: 3 },
      { key: 'too-early', count: 3 },
    ]);
    expect(days.byHour[9]).toBe(2);
    expect(days.byHour[10]).toBe(1);
    expect(days.byHour.reduce((a, b) => a + b)).toBe(4);
  });
});

describe('the statistics CSV', () => {
  const lines = statisticsCsv(STATISTICS).split('\r\n');

  it('has one row per day, measure and category, the empty ones left out but the totals', () => {
    expect(lines[0]).toBe(CSV_HEADER);
    expect(lines.slice(1, -1)).toEqual([
      '2026-11-29,tickets,total,3',
      '2026-11-29,tickets,with-appointment,2',
      '2026-11-29,tickets,walk-in,1',
      '2026-11-29,service,padron,2',
      '2026-11-29,service,"registro,general",1',
      '2026-11-29,hour,09,2',
      '2026-11-29,hour,13,1',
      '2026-11-29,refused,too-early,2',
      '2026-11-30,tickets,total,1',
      '2026-11-30,tickets,with-appointment,1',
      '2026-11-30,tickets,walk-in,0',
      '2026-11-30,service,padron,1',
      '2026-11-30,hour,10,1',
      '2026-11-30,refused,booking-not-found,3',
      '2026-11-30,refused,too-early,1',
      '2026-11-30,printer-fault,paper-out,1',
    ]);
    expect(lines.at(-1)).toBe('');
  });

  it('is named after the days it covers', () => {
    expect(statisticsCsvName(STATISTICS)).toBe('turnero-estadisticas-2026-11-29-2026-11-30.csv');
  });
});
