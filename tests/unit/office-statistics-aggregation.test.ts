/**
 * The office statistics' pure parts: nearest-rank percentiles, the punctuality of a check-in at
 * its thresholds' edges, hours of check-in bucketed in Madrid's local time across both DST
 * changes, and the figures of each group over a hand-made set of tickets.
 */
import { describe, expect, it } from 'vitest';
import { aggregateStatistics, localHourOf } from '../../server/statistics/aggregate';
import { median, nearestRankPercentile, percentile90 } from '../../server/statistics/percentile';
import { PUNCTUALITY, punctualityOf } from '../../server/statistics/punctuality';
import type { TicketFacts } from '../../server/statistics/ticket-facts';

const ZONE = 'Europe/Madrid';
const MINUTE = 60_000;
const at = (iso: string) => Date.parse(iso);

describe('nearest-rank percentiles', () => {
  it('take the sample at rank ⌈p·n⌉', () => {
    const ten = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    expect(median(ten)).toBe(5);
    expect(percentile90(ten)).toBe(9);
    expect(nearestRankPercentile(ten, 100)).toBe(10);
    expect(nearestRankPercentile(ten, 1)).toBe(1);
  });

  it('give the middle sample of an odd count and the lower middle of an even one', () => {
    expect(median([30, 10, 20])).toBe(20);
    expect(median([40, 10, 30, 20])).toBe(20);
    expect(percentile90([7])).toBe(7);
    expect(percentile90([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])).toBe(10);
  });

  it('are null without samples and refuse a percentile out of range', () => {
    expect(median([])).toBeNull();
    expect(() => nearestRankPercentile([1], 0)).toThrow(RangeError);
    expect(() => nearestRankPercentile([1], 101)).toThrow(RangeError);
  });
});

describe('the punctuality of a check-in', () => {
  const start = at('2026-02-10T09:00:00Z');
  const early = PUNCTUALITY.earlyBeforeMinutes * MINUTE;
  const late = PUNCTUALITY.lateAfterMinutes * MINUTE;

  it('is on time from the early threshold before the start to the late one after, both included', () => {
    expect(punctualityOf(start - early, start)).toBe('on-time');
    expect(punctualityOf(start, start)).toBe('on-time');
    expect(punctualityOf(start + late, start)).toBe('on-time');
  });

  it('is early or late just past either threshold', () => {
    expect(punctualityOf(start - early - 1, start)).toBe('early');
    expect(punctualityOf(start + late + 1, start)).toBe('late');
  });

  it('follows the thresholds it is given', () => {
    const strict = { earlyBeforeMinutes: 0, lateAfterMinutes: 0 };
    expect(punctualityOf(start - 1, start, strict)).toBe('early');
    expect(punctualityOf(start + 1, start, strict)).toBe('late');
  });
});

describe('site-local hours across DST in Madrid', () => {
  it('skips 02:00 on the spring change (29 March 2026)', () => {
    expect(localHourOf(at('2026-03-29T00:30:00Z'), ZONE)).toBe(1);
    expect(localHourOf(at('2026-03-29T01:30:00Z'), ZONE)).toBe(3);
  });

  it('puts both 02:30s of the autumn change (25 October 2026) in hour 2', () => {
    expect(localHourOf(at('2026-10-25T00:30:00Z'), ZONE)).toBe(2);
    expect(localHourOf(at('2026-10-25T01:30:00Z'), ZONE)).toBe(2);
    expect(localHourOf(at('2026-10-25T02:30:00Z'), ZONE)).toBe(3);
  });

  it('buckets a summer and a winter 09:30 in hour 9', () => {
    const statistics = aggregateStatistics({
      site: 'test-sac',
      from: '2026-03-28',
      to: '2026-03-30',
      timeZone: ZONE,
      services: [],
      tickets: [
        walkIn({ localDay: '2026-03-28', issuedAtMs: at('2026-03-28T08:30:00Z') }),
        walkIn({ localDay: '2026-03-30', issuedAtMs: at('2026-03-30T07:30:00Z') }),
      ],
    });
    expect(statistics.byHour.map((hour) => hour.tickets)).toEqual(
      Array.from({ length: 24 }, (_, hour) => (hour === 9 ? 2 : 0)),
    );
  });
});

function walkIn(patch: Partial<TicketFacts> = {}): TicketFacts {
  return {
    serviceId: 'padron',
    kind: 'walk-in',
    localDay: '2026-02-10',
    issuedAtMs: at('2026-02-10T09:00:00Z'),
    appointmentStartsAtMs: null,
    calledAtMs: null,
    desk: null,
    finishedAtMs: null,
    outcome: null,
    ...patch,
  };
}

/** An appointment checked in `offset` minutes from its 10:00 (local) start, then handled. */
function appointment(offset: number, patch: Partial<TicketFacts> = {}): TicketFacts {
  const start = at('2026-02-10T09:00:00Z');
  return walkIn({
    kind: 'appointment',
    appointmentStartsAtMs: start,
    issuedAtMs: start + offset * MINUTE,
    ...patch,
  });
}

describe('aggregating a range', () => {
  const issued = at('2026-02-10T09:00:00Z');
  const statistics = aggregateStatistics({
    site: 'test-sac',
    from: '2026-02-09',
    to: '2026-02-11',
    timeZone: ZONE,
    services: [
      { id: 'registro', names: { es: 'Registro' } },
      { id: 'padron', names: { es: 'Padrón' } },
    ],
    tickets: [
      appointment(-30, {
        calledAtMs: issued + 2 * MINUTE,
        desk: 'Mesa 1',
        finishedAtMs: issued + 7 * MINUTE,
        outcome: 'served',
      }),
      appointment(0, {
        calledAtMs: issued + 4 * MINUTE,
        desk: 'Mesa 2',
        finishedAtMs: issued + 5 * MINUTE,
        outcome: 'no-show',
      }),
      appointment(10),
      walkIn({
        serviceId: 'registro',
        calledAtMs: issued + 6 * MINUTE,
        desk: 'Mesa 1',
        finishedAtMs: issued + 16 * MINUTE,
        outcome: 'served',
      }),
      walkIn({ serviceId: 'registro', localDay: '2026-02-11', issuedAtMs: issued + 86_400_000 }),
      // Outside the range: left out of every figure.
      walkIn({ localDay: '2026-02-12', issuedAtMs: issued + 2 * 86_400_000 }),
    ],
  });

  it('counts tickets, appointments and walk-ins, punctuality and no-shows in total', () => {
    expect(statistics.total).toMatchObject({
      tickets: 5,
      withAppointment: 3,
      walkIn: 2,
      early: 1,
      onTime: 1,
      late: 1,
      noShows: 1,
      served: 2,
    });
  });

  it('takes waits over called tickets and service times over served ones, in seconds', () => {
    // Waits: the appointment checked in 30 min early waited 32 min; 4 min; the walk-in 6 min.
    expect(statistics.total.waitMedianSeconds).toBe(6 * 60);
    expect(statistics.total.waitP90Seconds).toBe(32 * 60);
    // Service times: 5 min and 10 min (the no-show's minute is not a service).
    expect(statistics.total.serviceMedianSeconds).toBe(5 * 60);
    expect(statistics.total.serviceP90Seconds).toBe(10 * 60);
  });

  it('lists every day of the range, a day without tickets included', () => {
    expect(statistics.byDay.map(({ day, tickets }) => [day, tickets])).toEqual([
      ['2026-02-09', 0],
      ['2026-02-10', 4],
      ['2026-02-11', 1],
    ]);
    expect(statistics.byDay[0]?.waitMedianSeconds).toBeNull();
  });

  it('orders services as the site does, and desks by name', () => {
    expect(statistics.byService.map(({ serviceId, tickets }) => [serviceId, tickets])).toEqual([
      ['registro', 2],
      ['padron', 3],
    ]);
    expect(
      statistics.byDesk.map(({ desk, tickets, served, serviceMedianSeconds }) => [
        desk,
        tickets,
        served,
        serviceMedianSeconds,
      ]),
    ).toEqual([
      ['Mesa 1', 2, 2, 5 * 60],
      ['Mesa 2', 1, 0, null],
    ]);
  });

  it('has one day × service row per pair with tickets, by day then service order', () => {
    expect(
      statistics.byDayAndService.map(({ day, serviceId, tickets }) => [day, serviceId, tickets]),
    ).toEqual([
      ['2026-02-10', 'registro', 1],
      ['2026-02-10', 'padron', 3],
      ['2026-02-11', 'registro', 1],
    ]);
  });
});
