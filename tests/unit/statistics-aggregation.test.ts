/**
 * The statistics' aggregation over fixed rows: tickets per site-local hour (across a DST change),
 * per service, with an appointment or walk-in, refusals by reason, printer faults; the window of
 * 30 days clipped by retention.
 */
import { describe, expect, it } from 'vitest';
import { aggregateDays, statisticsFromDay } from '../../src-main/diagnostics/statistics';
import type { TicketFact } from '../../src-main/store/statistics-repository';

const ZONE = 'Europe/Madrid';

const ticket = (issuedAt: string, serviceId: string, walkIn = false): TicketFact => ({
  localDay: issuedAt.slice(0, 10),
  issuedAt,
  serviceId,
  walkIn,
});

describe('the statistics window', () => {
  it('is the last 30 days, today included', () => {
    expect(statisticsFromDay('2025-03-31', 31)).toBe('2025-03-02');
  });

  it('is shorter when retention keeps fewer days', () => {
    expect(statisticsFromDay('2025-03-31', 7)).toBe('2025-03-24');
  });
});

describe('aggregating days', () => {
  const days = aggregateDays({
    today: '2025-03-31',
    fromDay: '2025-03-29',
    timeZone: ZONE,
    tickets: [
      // 29 March: winter time, UTC+1.
      ticket('2025-03-29T08:05:00.000Z', 'padron'),
      ticket('2025-03-29T08:55:00.000Z', 'padron', true),
      ticket('2025-03-29T12:10:00.000Z', 'licencias'),
      // 31 March: summer time since the 30th, UTC+2.
      ticket('2025-03-31T07:30:00.000Z', 'padron'),
      ticket('2025-03-31T07:45:00.000Z', 'licencias', true),
      // Outside the window: ignored.
      ticket('2025-03-20T09:00:00.000Z', 'padron'),
    ],
    refusals: [
      { localDay: '2025-03-29', key: 'booking-not-found', count: 3 },
      { localDay: '2025-03-31', key: 'too-early', count: 1 },
      { localDay: '2025-03-31', key: 'booking-not-found', count: 2 },
      { localDay: '2025-02-01', key: 'too-late', count: 9 },
    ],
    printerFaults: [{ localDay: '2025-03-30', key: 'paper-out', count: 2 }],
  });

  it('has one entry per day of the window, oldest first, empty days included', () => {
    expect(days.map((day) => day.day)).toEqual(['2025-03-29', '2025-03-30', '2025-03-31']);
    expect(days[1]).toMatchObject({ tickets: 0, withAppointment: 0, walkIn: 0, refusals: {} });
  });

  it('counts tickets with an appointment and walk-ins, by service', () => {
    expect(days[0]).toMatchObject({
      tickets: 3,
      withAppointment: 2,
      walkIn: 1,
      byService: { padron: 2, licencias: 1 },
    });
    expect(days[2]).toMatchObject({
      tickets: 2,
      withAppointment: 1,
      walkIn: 1,
      byService: { padron: 1, licencias: 1 },
    });
  });

  it('counts tickets by the site-local hour, on both sides of the clock change', () => {
    const hours = (index: number) =>
      Object.fromEntries(
        (days[index]?.byHour ?? []).flatMap((n, hour) => (n > 0 ? [[hour, n]] : [])),
      );
    expect(hours(0)).toEqual({ 9: 2, 13: 1 });
    expect(hours(2)).toEqual({ 9: 2 });
    expect(days[0]?.byHour).toHaveLength(24);
  });

  it('adds refusals by reason and printer faults by kind, within the window only', () => {
    expect(days[0]?.refusals).toEqual({ 'booking-not-found': 3 });
    expect(days[2]?.refusals).toEqual({ 'too-early': 1, 'booking-not-found': 2 });
    expect(days[1]?.printerFaults).toEqual({ 'paper-out': 2 });
    const allRefusals = days.flatMap((day) => Object.keys(day.refusals));
    expect(allRefusals).not.toContain('too-late');
  });
});
