import { describe, expect, it } from 'vitest';
import {
  bookingDayRelation,
  decideCheckIn,
  type AppointmentFacts,
} from '../../src-shared/domain/checkin-policy';

const window = { minutesBefore: 60, minutesAfter: 30 };
const at10 = (overrides: Partial<AppointmentFacts> = {}): AppointmentFacts => ({
  status: 'booked',
  startsAt: '2026-11-30T09:00:00.000Z', // 10:00 in Madrid
  localDay: '2026-11-30',
  localTime: '10:00',
  ...overrides,
});

describe('decideCheckIn', () => {
  it('allows a booked appointment of today inside the window', () => {
    expect(
      decideCheckIn(at10(), new Date('2026-11-30T08:05:00Z'), 'Europe/Madrid', window),
    ).toEqual({ allowed: true });
  });

  it('says from when a too-early citizen may come back', () => {
    expect(
      decideCheckIn(at10(), new Date('2026-11-30T07:00:00Z'), 'Europe/Madrid', window),
    ).toEqual({
      allowed: false,
      reason: 'too-early',
      params: { time: '10:00', from: '09:00' },
    });
  });

  it('refuses after the window, on another day and when cancelled', () => {
    const tz = 'Europe/Madrid';
    expect(decideCheckIn(at10(), new Date('2026-11-30T09:31:00Z'), tz, window)).toMatchObject({
      reason: 'too-late',
    });
    expect(decideCheckIn(at10(), new Date('2026-11-29T09:00:00Z'), tz, window)).toMatchObject({
      reason: 'booking-not-today',
      params: { day: '2026-11-30', time: '10:00', when: 'tomorrow' },
    });
    expect(
      decideCheckIn(at10({ status: 'cancelled' }), new Date('2026-11-30T09:00:00Z'), tz, window),
    ).toMatchObject({ reason: 'booking-cancelled' });
  });

  it('says when a booking of another day is: tomorrow, later or past (site-local days)', () => {
    const tz = 'Europe/Madrid';
    const refusal = (now: string) => decideCheckIn(at10(), new Date(now), tz, window);
    // 23:30 UTC on the 29th is already the 30th in Madrid: today (too early), not tomorrow.
    expect(refusal('2026-11-29T23:30:00Z')).toMatchObject({ reason: 'too-early' });
    expect(refusal('2026-11-29T22:59:00Z')).toMatchObject({ params: { when: 'tomorrow' } });
    expect(refusal('2026-11-28T12:00:00Z')).toEqual({
      allowed: false,
      reason: 'booking-not-today',
      params: { day: '2026-11-30', time: '10:00', when: 'later' },
    });
    expect(refusal('2026-12-01T08:00:00Z')).toEqual({
      allowed: false,
      reason: 'booking-not-today',
      params: { day: '2026-11-30', time: '10:00', when: 'past' },
    });
  });

  it('counts "tomorrow" in calendar days across the end of a month and a DST change', () => {
    expect(bookingDayRelation('2026-12-01', '2026-11-30')).toBe('tomorrow');
    expect(bookingDayRelation('2026-03-30', '2026-03-29')).toBe('tomorrow');
    expect(bookingDayRelation('2027-01-01', '2026-12-31')).toBe('tomorrow');
    expect(bookingDayRelation('2026-12-02', '2026-11-30')).toBe('later');
    expect(bookingDayRelation('2026-11-29', '2026-11-30')).toBe('past');
  });

  it('welcomes a late "no-show" inside the window, as the town hall does', () => {
    expect(
      decideCheckIn(
        at10({ status: 'no-show' }),
        new Date('2026-11-30T09:10:00Z'),
        'Europe/Madrid',
        window,
      ),
    ).toEqual({ allowed: true });
  });
});
