import { describe, expect, it } from 'vitest';
import { decideCheckIn, type AppointmentFacts } from '../../src-shared/domain/checkin-policy';

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
      params: { day: '2026-11-30' },
    });
    expect(
      decideCheckIn(at10({ status: 'cancelled' }), new Date('2026-11-30T09:00:00Z'), tz, window),
    ).toMatchObject({ reason: 'booking-cancelled' });
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
