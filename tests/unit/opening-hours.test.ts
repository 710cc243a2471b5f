/**
 * Opening hours on the site's wall clock: open or closed at an instant, the next change, and the
 * closed stretch an update may use — in Madrid and the Canaries, across DST changes.
 */
import { describe, expect, it } from 'vitest';
import {
  closedSpanFrom,
  DEFAULT_OPENING_HOURS,
  isOpenAt,
  nextChangeAfter,
  OpeningHoursSchema,
  type OpeningHours,
} from '../../src-main/appliance/opening-hours';
import { parseConfig } from '../../src-main/config/load-config';

const MADRID = 'Europe/Madrid';
const at = (iso: string) => new Date(iso);

const split: OpeningHours = {
  ...DEFAULT_OPENING_HOURS,
  mon: ['08:30-14:30', '16:00-19:00'],
  sat: ['09:00-13:00'],
};

describe('opening hours', () => {
  it('is open inside a range and closed outside it, on the site clock', () => {
    // Monday 2026-03-02; Madrid is UTC+1 in winter.
    expect(isOpenAt(split, at('2026-03-02T07:29:00Z'), MADRID)).toBe(false);
    expect(isOpenAt(split, at('2026-03-02T07:30:00Z'), MADRID)).toBe(true);
    expect(isOpenAt(split, at('2026-03-02T13:29:59Z'), MADRID)).toBe(true);
    expect(isOpenAt(split, at('2026-03-02T13:30:00Z'), MADRID)).toBe(false);
    expect(isOpenAt(split, at('2026-03-02T15:00:00Z'), MADRID)).toBe(true);
    // The same instant is an hour earlier in the Canaries: 07:45 there, still closed.
    expect(isOpenAt(split, at('2026-03-02T07:45:00Z'), 'Atlantic/Canary')).toBe(false);
    expect(isOpenAt(split, at('2026-03-02T07:45:00Z'), MADRID)).toBe(true);
    // Sunday: closed all day.
    expect(isOpenAt(split, at('2026-03-01T10:00:00Z'), MADRID)).toBe(false);
  });

  it('tells the next opening or closing, across the weekend', () => {
    expect(nextChangeAfter(split, at('2026-03-02T10:00:00Z'), MADRID)).toEqual(
      at('2026-03-02T13:30:00Z'),
    );
    expect(nextChangeAfter(split, at('2026-03-02T13:30:00Z'), MADRID)).toEqual(
      at('2026-03-02T15:00:00Z'),
    );
    // Saturday 13:00 Madrid closes; next opening is Monday 08:30.
    expect(nextChangeAfter(split, at('2026-03-07T12:30:00Z'), MADRID)).toEqual(
      at('2026-03-09T07:30:00Z'),
    );
  });

  it('follows the DST change: 08:30 is 07:30 UTC before and 06:30 UTC after', () => {
    // Spain moves to summer time on Sunday 2026-03-29.
    expect(nextChangeAfter(split, at('2026-03-28T20:00:00Z'), MADRID)).toEqual(
      at('2026-03-30T06:30:00Z'),
    );
    expect(isOpenAt(split, at('2026-03-30T06:45:00Z'), MADRID)).toBe(true);
  });

  it('gives the closed stretch an update may use: now until the next opening', () => {
    // Monday 20:00 Madrid, closed until Tuesday 07:00 (the default hours).
    expect(closedSpanFrom(split, at('2026-03-02T19:00:00Z'), MADRID)).toEqual({
      start: at('2026-03-02T19:00:00Z'),
      end: at('2026-03-03T06:00:00Z'),
    });
    // Open now: the stretch starts at the closing.
    expect(closedSpanFrom(split, at('2026-03-02T16:00:00Z'), MADRID)).toEqual({
      start: at('2026-03-02T18:00:00Z'),
      end: at('2026-03-03T06:00:00Z'),
    });
  });

  it('an office open round the clock never closes; one never open is always closed', () => {
    const always = Object.fromEntries(
      Object.keys(DEFAULT_OPENING_HOURS).map((day) => [day, ['00:00-24:00']]),
    ) as unknown as OpeningHours;
    expect(isOpenAt(always, at('2026-03-04T02:00:00Z'), MADRID)).toBe(true);
    expect(closedSpanFrom(always, at('2026-03-04T02:00:00Z'), MADRID)).toBeNull();
    const never = Object.fromEntries(
      Object.keys(DEFAULT_OPENING_HOURS).map((day) => [day, []]),
    ) as unknown as OpeningHours;
    expect(isOpenAt(never, at('2026-03-04T10:00:00Z'), MADRID)).toBe(false);
    expect(nextChangeAfter(never, at('2026-03-04T10:00:00Z'), MADRID)).toBeNull();
    expect(closedSpanFrom(never, at('2026-03-04T10:00:00Z'), MADRID)?.start).toEqual(
      at('2026-03-04T10:00:00Z'),
    );
  });

  it('validates the configuration: ranges, order, overlaps; other days closed when given', () => {
    expect(OpeningHoursSchema.parse(undefined)).toEqual(DEFAULT_OPENING_HOURS);
    expect(OpeningHoursSchema.parse({ sat: ['09:00-13:00'] })).toMatchObject({
      mon: [],
      sat: ['09:00-13:00'],
    });
    for (const bad of [
      { mon: ['8:30-14:30'] },
      { mon: ['14:30-08:30'] },
      { mon: ['08:00-12:00', '11:00-13:00'] },
      { mon: ['08:00-24:30'] },
      { monday: ['08:00-12:00'] },
    ]) {
      expect(OpeningHoursSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    const config = parseConfig({ appliance: { openingHours: { fri: ['08:00-15:00'] } } }, null);
    expect(config.appliance.openingHours.fri).toEqual(['08:00-15:00']);
    expect(parseConfig({}, null).appliance.openingHours).toEqual(DEFAULT_OPENING_HOURS);
    expect(() => parseConfig({ appliance: { openingHours: { mon: ['x'] } } }, null)).toThrow(
      /appliance\.openingHours\.mon\.0/,
    );
  });
});
