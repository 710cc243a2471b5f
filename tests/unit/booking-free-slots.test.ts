/**
 * The free-slot rule (server/booking/free-slots.ts) on an injected clock: spans cut into slots on
 * the site's wall clock (DST change days included), holidays and closures, the cut-off and the
 * days-ahead window, and the capacity of `desks` less the appointments starting in a slot.
 */
import { describe, expect, it } from 'vitest';
import type { BookingSchedule, Holiday } from '../../src-shared/contract/booking';
import {
  freeDays,
  freeSlotsOfDay,
  scheduledSlots,
  slotVerdict,
  type SlotRules,
} from '../../server/booking/free-slots';

const ZONE = 'Europe/Madrid';
const weekdays = { opens: '09:00', closes: '11:00' };
const closedWeek: BookingSchedule['week'] = { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] };

const schedule = (overrides: Partial<BookingSchedule> = {}): BookingSchedule => ({
  serviceId: 'padron',
  online: true,
  week: {
    ...closedWeek,
    1: [weekdays],
    2: [weekdays],
    3: [weekdays],
    4: [weekdays],
    5: [weekdays],
  },
  slotMinutes: 30,
  desks: 2,
  daysAhead: 7,
  cutoffMinutes: 60,
  requiresCitizenId: false,
  ...overrides,
});

// Tuesday 10 February 2026, 08:00 in Madrid (CET, UTC+1).
const NOW = new Date('2026-02-10T07:00:00.000Z');

const rules = (overrides: Partial<SlotRules> = {}): SlotRules => ({
  schedule: schedule(),
  holidays: [],
  timeZone: ZONE,
  now: NOW,
  ...overrides,
});

const times = (slots: { localTime: string }[]) => slots.map((slot) => slot.localTime);
const at = (iso: string) => new Date(iso).getTime();

describe('the free-slot rule', () => {
  it('cuts the spans of a weekday into slots on the wall clock, as UTC instants', () => {
    const slots = freeSlotsOfDay(rules(), '2026-02-11', []);
    expect(times(slots)).toEqual(['09:00', '09:30', '10:00', '10:30']);
    expect(slots[0]?.startsAt.toISOString()).toBe('2026-02-11T08:00:00.000Z');
    expect(slots.every((slot) => slot.free === 2)).toBe(true);
    // A span that does not hold a whole slot at its end leaves the remainder out.
    const ragged = rules({ schedule: schedule({ slotMinutes: 45 }) });
    expect(times(freeSlotsOfDay(ragged, '2026-02-11', []))).toEqual(['09:00', '09:45']);
    // Saturday has no span.
    expect(freeSlotsOfDay(rules(), '2026-02-14', [])).toEqual([]);
  });

  it('skips the wall-clock times the spring gap removes, and keeps the autumn hour once', () => {
    const night = { opens: '01:00', closes: '04:00' };
    const sunday = schedule({ week: { ...closedWeek, 7: [night] } });
    const spring = scheduledSlots(sunday, '2026-03-29', ZONE);
    expect(times(spring)).toEqual(['01:00', '01:30', '03:00', '03:30']);
    expect(spring.map((slot) => slot.startsAt.toISOString())).toEqual([
      '2026-03-29T00:00:00.000Z',
      '2026-03-29T00:30:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-29T01:30:00.000Z',
    ]);
    const autumn = scheduledSlots(sunday, '2026-10-25', ZONE);
    expect(times(autumn)).toEqual(['01:00', '01:30', '02:00', '02:30', '03:00', '03:30']);
    expect(autumn.map((slot) => slot.startsAt.toISOString())).toEqual([
      '2026-10-24T23:00:00.000Z',
      '2026-10-24T23:30:00.000Z',
      '2026-10-25T00:00:00.000Z',
      '2026-10-25T00:30:00.000Z',
      '2026-10-25T02:00:00.000Z',
      '2026-10-25T02:30:00.000Z',
    ]);
  });

  it('puts a 09:00 slot at 07:00 UTC after the spring change and 08:00 before it', () => {
    const late = rules({ now: new Date('2026-03-26T07:00:00.000Z') });
    expect(freeSlotsOfDay(late, '2026-03-27', [])[0]?.startsAt.toISOString()).toBe(
      '2026-03-27T08:00:00.000Z',
    );
    expect(freeSlotsOfDay(late, '2026-03-30', [])[0]?.startsAt.toISOString()).toBe(
      '2026-03-30T07:00:00.000Z',
    );
  });

  it('closes a day for an office-wide holiday, and for a closure of that service only', () => {
    const holiday: Holiday = { day: '2026-02-11', name: 'Fiesta', scope: 'local', serviceId: null };
    const closure: Holiday = {
      day: '2026-02-12',
      name: 'Inventario',
      scope: 'closure',
      serviceId: 'padron',
    };
    const other: Holiday = { ...closure, day: '2026-02-13', serviceId: 'registro' };
    const days = freeDays(rules({ holidays: [holiday, closure, other] }), []).map((d) => d.day);
    expect(days).not.toContain('2026-02-11');
    expect(days).not.toContain('2026-02-12');
    expect(days).toContain('2026-02-13');
    expect(freeSlotsOfDay(rules({ holidays: [holiday] }), '2026-02-11', [])).toEqual([]);
  });

  it('offers nothing before now plus the cut-off, nor past the days ahead', () => {
    // 08:00 now, 60 minutes of cut-off: the 09:00 slot is still bookable, 08:30 would not be.
    expect(times(freeSlotsOfDay(rules(), '2026-02-10', []))).toEqual([
      '09:00',
      '09:30',
      '10:00',
      '10:30',
    ]);
    const later = rules({ now: new Date('2026-02-10T08:15:00.000Z') });
    expect(times(freeSlotsOfDay(later, '2026-02-10', []))).toEqual(['10:30']);
    expect(freeSlotsOfDay(rules(), '2026-02-09', [])).toEqual([]);
    // Today is day 0: 7 days ahead reaches Tuesday the 17th, not Wednesday the 18th.
    const days = freeDays(rules(), []).map((d) => d.day);
    expect(days).toEqual([
      '2026-02-10',
      '2026-02-11',
      '2026-02-12',
      '2026-02-13',
      '2026-02-16',
      '2026-02-17',
    ]);
  });

  it('gives each slot desks places less the appointments starting in it', () => {
    const taken = [
      at('2026-02-11T08:00:00.000Z'),
      at('2026-02-11T08:10:00.000Z'),
      at('2026-02-11T08:30:00.000Z'),
    ];
    const slots = freeSlotsOfDay(rules(), '2026-02-11', taken);
    expect(slots.map((slot) => [slot.localTime, slot.free])).toEqual([
      ['09:30', 1],
      ['10:00', 2],
      ['10:30', 2],
    ]);
    expect(slotVerdict(rules(), new Date('2026-02-11T08:00:00.000Z'), taken)).toBe('taken');
    expect(slotVerdict(rules(), new Date('2026-02-11T08:30:00.000Z'), taken)).toBe('free');
    expect(slotVerdict(rules(), new Date('2026-02-11T08:15:00.000Z'), taken)).toBe('unavailable');
    expect(slotVerdict(rules(), new Date('2026-02-14T08:00:00.000Z'), taken)).toBe('unavailable');
    // A day whose every slot is full is not a free day.
    const full = [0, 0, 30, 30, 60, 60, 90, 90].map(
      (minutes) => at('2026-02-12T08:00:00.000Z') + minutes * 60_000,
    );
    expect(freeDays(rules(), full).map((d) => d.day)).not.toContain('2026-02-12');
    expect(freeDays(rules(), full).find((d) => d.day === '2026-02-11')?.freeSlots).toBe(4);
  });
});
