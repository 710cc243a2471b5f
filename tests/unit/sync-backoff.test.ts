import { describe, expect, it } from 'vitest';
import { Backoff, backoffDelayMs, DEFAULT_BACKOFF } from '../../src-main/sync/backoff';
import { ConnectivityTracker } from '../../src-main/sync/connectivity';

describe('backoff with jitter', () => {
  const policy = { baseMs: 1000, factor: 2, maxMs: 60_000 };

  it('doubles up to the cap, between half and all of each step', () => {
    expect(backoffDelayMs(0, policy, () => 0.5)).toBe(0);
    expect([1, 2, 3, 4, 7, 8, 50].map((n) => backoffDelayMs(n, policy, () => 0))).toEqual([
      500, 1000, 2000, 4000, 30000, 30000, 30000,
    ]);
    expect([1, 2, 3].map((n) => backoffDelayMs(n, policy, () => 0.999999))).toEqual([
      1000, 2000, 4000,
    ]);
    expect(backoffDelayMs(10_000, DEFAULT_BACKOFF, () => 1)).toBe(DEFAULT_BACKOFF.maxMs);
  });

  it('spreads kiosks that failed together', () => {
    let seed = 1;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const delays = Array.from({ length: 50 }, () => backoffDelayMs(5, policy, random));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(8000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(16000);
    expect(new Set(delays).size).toBeGreaterThan(40);
  });

  it('keeps time with an injected clock', () => {
    let now = 0;
    const backoff = new Backoff(
      policy,
      () => now,
      () => 0.5,
    );
    expect(backoff.ready()).toBe(true);
    expect(backoff.failed()).toBe(750);
    expect(backoff.ready()).toBe(false);
    expect(backoff.dueAt()).toBe(750);
    now = 750;
    expect(backoff.ready()).toBe(true);
    expect(backoff.failed()).toBe(1500);
    backoff.succeeded();
    expect([backoff.failures, backoff.ready()]).toEqual([0, true]);
  });
});

describe('connectivity from request outcomes', () => {
  it('connecting, online, degraded when one kind fails, offline when all do', () => {
    const tracker = new ConnectivityTracker();
    expect(tracker.state()).toBe('connecting');
    tracker.beginRound(0);
    tracker.record('pull', true, 1);
    tracker.record('push', true, 2);
    expect(tracker.state()).toBe('online');
    tracker.beginRound(10);
    tracker.record('pull', true, 11);
    tracker.record('push', false, 12); // pushes fail, pulls work
    expect(tracker.state()).toBe('degraded');
    tracker.beginRound(20);
    tracker.record('pull', false, 21);
    tracker.record('push', false, 22);
    expect(tracker.state()).toBe('offline');
    // A lease obtained in an earlier round says nothing now.
    tracker.record('lease', true, 5);
    expect(tracker.state()).toBe('offline');
    // Back: the outage's failures do not count as an error rate.
    tracker.beginRound(30);
    tracker.record('pull', true, 31);
    tracker.record('push', true, 32);
    expect(tracker.state()).toBe('online');
  });

  it('degraded on a high error rate even when the latest requests worked', () => {
    const tracker = new ConnectivityTracker({ windowSize: 10, degradedRatio: 0.3 });
    tracker.beginRound(0);
    for (let i = 1; i <= 10; i++) tracker.record('push', i % 3 !== 0, i);
    expect(tracker.errorRate()).toBeCloseTo(0.3);
    expect(tracker.state()).toBe('degraded');
    for (let i = 11; i <= 20; i++) tracker.record('push', true, i);
    expect(tracker.state()).toBe('online');
  });
});
