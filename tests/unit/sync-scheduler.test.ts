import { afterEach, describe, expect, it } from 'vitest';
import { createScheduler, nextPollDelayMs, type RunKind } from '../../src-main/sync/scheduler';
import { emptyReport, type SyncReport } from '../../src-main/sync/sync-report';

describe('the poll delay', () => {
  it('is the poll period, or sooner after a failed run, never later', () => {
    expect(nextPollDelayMs(60, 0, null, 1000)).toBe(60_000);
    expect(nextPollDelayMs(60, 0, 5000, 1000)).toBe(60_000);
    expect(nextPollDelayMs(60, 2, 5000, 1000)).toBe(4000);
    expect(nextPollDelayMs(60, 2, 500_000, 1000)).toBe(60_000);
    expect(nextPollDelayMs(60, 1, null, 1000)).toBe(0);
    expect(nextPollDelayMs(60, 1, 900, 1000)).toBe(0);
  });
});

describe('the run queue', () => {
  const started: RunKind[] = [];
  let release: Array<() => void> = [];
  const scheduler = createScheduler({
    run: (kind) => {
      started.push(kind);
      return new Promise<SyncReport>((resolve) => {
        release.push(() => resolve({ ...emptyReport(), ok: kind !== 'poll' }));
      });
    },
    pollSeconds: () => 3600,
    pushDueAt: () => null,
    nowMs: () => 0,
    backoff: { baseMs: 1000, factor: 2, maxMs: 60_000 },
    random: () => 0.5,
  });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  const releaseAll = async () => {
    while (release.length > 0) {
      const batch = release;
      release = [];
      for (const done of batch) done();
      await settle();
    }
  };
  afterEach(async () => {
    await releaseAll();
    started.length = 0;
  });

  it('never overlaps runs, and requests made while one waits join it as the larger kind', async () => {
    const first = scheduler.syncNow();
    await settle();
    expect(started).toEqual(['full']);
    scheduler.requestPush();
    const second = scheduler.syncNow();
    scheduler.requestPush();
    await settle();
    // The second run waits for the first, and is one full run, not a push and a full one.
    expect(started).toEqual(['full']);
    await releaseAll();
    expect(started).toEqual(['full', 'full']);
    expect((await first).ok).toBe(true);
    expect(second).not.toBe(first);
    expect((await second).ok).toBe(true);
  });

  it('a request once a run has started queues behind it instead of joining it', async () => {
    const first = scheduler.syncNow();
    await settle();
    const second = scheduler.syncNow();
    expect(second).not.toBe(first);
    await releaseAll();
    expect(started).toEqual(['full', 'full']);
  });
});
