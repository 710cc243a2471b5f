import { describe, expect, it } from 'vitest';
import {
  addDays,
  fromLocalDateTime,
  isValidTimeZone,
  localDayOf,
  toLocalDateTime,
  zoneOffsetMinutes,
} from '../../src-shared/domain/site-time';

const MADRID = 'Europe/Madrid';

describe('site-local time in Europe/Madrid', () => {
  it('changes day at local midnight, not UTC midnight', () => {
    // 22:59:59Z in winter is 23:59:59 in Madrid; one second later it is the next local day.
    expect(localDayOf(new Date('2026-01-15T22:59:59Z'), MADRID)).toBe('2026-01-15');
    expect(localDayOf(new Date('2026-01-15T23:00:00Z'), MADRID)).toBe('2026-01-16');
    // In summer the local midnight is 22:00Z.
    expect(localDayOf(new Date('2026-07-15T21:59:59Z'), MADRID)).toBe('2026-07-15');
    expect(localDayOf(new Date('2026-07-15T22:00:00Z'), MADRID)).toBe('2026-07-16');
  });

  it('knows both offsets and the DST transitions of 2026', () => {
    expect(zoneOffsetMinutes(new Date('2026-01-10T12:00:00Z'), MADRID)).toBe(60);
    expect(zoneOffsetMinutes(new Date('2026-07-10T12:00:00Z'), MADRID)).toBe(120);
    // Spring forward: Sunday 29 March 2026, 02:00 local becomes 03:00 (01:00Z).
    expect(zoneOffsetMinutes(new Date('2026-03-29T00:59:00Z'), MADRID)).toBe(60);
    expect(zoneOffsetMinutes(new Date('2026-03-29T01:00:00Z'), MADRID)).toBe(120);
    // Fall back: Sunday 25 October 2026, 03:00 local becomes 02:00 (01:00Z).
    expect(zoneOffsetMinutes(new Date('2026-10-25T00:59:00Z'), MADRID)).toBe(120);
    expect(zoneOffsetMinutes(new Date('2026-10-25T01:00:00Z'), MADRID)).toBe(60);
  });

  it('converts local wall-clock times to instants on either side of DST', () => {
    expect(fromLocalDateTime('2026-01-15', '09:30', MADRID).toISOString()).toBe(
      '2026-01-15T08:30:00.000Z',
    );
    expect(fromLocalDateTime('2026-07-15', '09:30', MADRID).toISOString()).toBe(
      '2026-07-15T07:30:00.000Z',
    );
    expect(fromLocalDateTime('2026-03-29', '00:00', MADRID).toISOString()).toBe(
      '2026-03-28T23:00:00.000Z',
    );
    expect(fromLocalDateTime('2026-03-29', '12:00', MADRID).toISOString()).toBe(
      '2026-03-29T10:00:00.000Z',
    );
    // 02:30 does not exist on the spring-forward day: it resolves after the gap.
    expect(toLocalDateTime(fromLocalDateTime('2026-03-29', '02:30', MADRID), MADRID).time).toBe(
      '03:30',
    );
    // 02:30 happens twice on the fall-back day: the first occurrence (still summer time) wins.
    expect(fromLocalDateTime('2026-10-25', '02:30', MADRID).toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });

  it('round-trips every quarter hour of the DST days', () => {
    for (const day of ['2026-03-29', '2026-10-25']) {
      for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
        const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
        if (day === '2026-03-29' && time >= '02:00' && time < '03:00') continue; // skipped hour
        expect(toLocalDateTime(fromLocalDateTime(day, time, MADRID), MADRID)).toEqual({
          day,
          time,
        });
      }
    }
  });

  it('adds calendar days across month, year and DST boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('validates IANA zone names', () => {
    expect(isValidTimeZone('Atlantic/Canary')).toBe(true);
    expect(isValidTimeZone('Europe/Nowhere')).toBe(false);
  });
});
