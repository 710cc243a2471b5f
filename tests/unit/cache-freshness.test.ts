import { describe, expect, it } from 'vitest';
import { cacheMayBeStale } from '../../src-main/checkin/cache-freshness';

const NOW = new Date('2026-02-10T09:00:00.000Z');
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();

describe('whether the cached bookings may lack recent ones', () => {
  it('online and pulled within the limit: no', () => {
    expect(
      cacheMayBeStale({
        connectivity: 'online',
        lastSuccessAt: minutesAgo(4),
        pollSeconds: 60,
        now: NOW,
      }),
    ).toBe(false);
  });

  it('the limit is three polls, and never under five minutes', () => {
    const at = (minutes: number, pollSeconds: number) =>
      cacheMayBeStale({
        connectivity: 'online',
        lastSuccessAt: minutesAgo(minutes),
        pollSeconds,
        now: NOW,
      });
    expect([at(5, 60), at(5.1, 60)]).toEqual([false, true]);
    expect([at(30, 600), at(30.1, 600)]).toEqual([false, true]);
  });

  it('offline, or never pulled: yes, however recent', () => {
    expect(
      cacheMayBeStale({
        connectivity: 'offline',
        lastSuccessAt: minutesAgo(0),
        pollSeconds: 60,
        now: NOW,
      }),
    ).toBe(true);
    expect(
      cacheMayBeStale({ connectivity: 'degraded', lastSuccessAt: null, pollSeconds: 60, now: NOW }),
    ).toBe(true);
  });
});
