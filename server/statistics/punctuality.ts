/**
 * When an appointment's citizen checked in, relative to the appointment's start: the kiosk lets
 * them in from the service's check-in window's `minutesBefore` to its `minutesAfter`
 * (src-shared/domain/checkin-policy.ts), so every check-in lies in that window; these thresholds
 * split it for the statistics. Coming a little before the time is what a town hall asks for, so
 * "on time" is from 15 minutes before the start to 5 minutes after it (the grace a desk usually
 * gives); earlier is early, later is late. Both bounds belong to "on time".
 */
import type { PunctualityThresholds } from '../../src-shared/contract/office-statistics';

export const PUNCTUALITY: PunctualityThresholds = { earlyBeforeMinutes: 15, lateAfterMinutes: 5 };

export type Punctuality = 'early' | 'on-time' | 'late';

export function punctualityOf(
  checkedInAtMs: number,
  startsAtMs: number,
  thresholds: PunctualityThresholds = PUNCTUALITY,
): Punctuality {
  const minutesAfterStart = (checkedInAtMs - startsAtMs) / 60_000;
  if (minutesAfterStart < -thresholds.earlyBeforeMinutes) return 'early';
  if (minutesAfterStart > thresholds.lateAfterMinutes) return 'late';
  return 'on-time';
}
