/**
 * A new kiosk's readiness and first-sync progress: "preparing" only while it has nothing at all
 * to serve, "ready" as soon as the first sync brings the site in, progress page by page.
 */
import { describe, expect, it } from 'vitest';
import { Emitter } from '../../src-shared/common/emitter';
import { FirstSyncTracker } from '../../src-main/kiosk-state/first-sync';
import type { SyncProgress, SyncStatus } from '../../src-main/sync/sync-engine';

function rig(options: { everUpToDate?: boolean } = {}) {
  const progress = new Emitter<SyncProgress>();
  const status = new Emitter<SyncStatus>();
  const cache = { site: false, appointments: 0 };
  const tracker = new FirstSyncTracker({
    sync: { onProgress: progress.event, onStatusChange: status.event },
    everUpToDate: () => options.everUpToDate ?? false,
    hasSite: () => cache.site,
    cachedAppointments: () => cache.appointments,
  });
  let changes = 0;
  tracker.onChange(() => {
    changes += 1;
  });
  const page = (appointments: number, pages: number, initial = true) => {
    cache.site = true;
    cache.appointments = appointments;
    progress.fire({ initial, pages, appointments, hasMore: true });
  };
  const runEnded = (patch: Partial<SyncStatus>) =>
    status.fire({ lastSuccessAt: null, lastError: null, ...patch } as SyncStatus);
  return { tracker, cache, page, runEnded, changes: () => changes };
}

describe('first sync and readiness', () => {
  it('is preparing with nothing cached, ready once the first page brought the site in', () => {
    const { tracker, page, changes } = rig();
    expect(tracker.readiness()).toBe('preparing');
    expect(tracker.progress()).toMatchObject({ state: 'waiting', appointmentsPulled: 0 });
    page(5000, 1);
    expect(tracker.readiness()).toBe('ready');
    page(10000, 2);
    expect(tracker.progress()).toEqual({
      state: 'running',
      appointmentsPulled: 10000,
      pages: 2,
      appointmentsCached: 10000,
      lastError: null,
    });
    expect(changes()).toBe(2);
  });

  it('becomes ready when the site info came in a run whose appointments failed', () => {
    const { tracker, cache, runEnded } = rig();
    cache.site = true;
    runEnded({ lastError: 'GET /appointments: timeout' });
    expect(tracker.readiness()).toBe('ready');
    expect(tracker.progress()).toMatchObject({
      state: 'failed',
      lastError: expect.stringMatching(/timeout/),
    });
  });

  it('stays preparing while the town hall cannot be reached, and says why', () => {
    const { tracker, runEnded } = rig();
    runEnded({ lastError: 'connect ECONNREFUSED 127.0.0.1:9' });
    expect(tracker.readiness()).toBe('preparing');
    expect(tracker.progress()).toMatchObject({
      state: 'failed',
      lastError: expect.stringMatching(/ECONNREFUSED/),
    });
  });

  it('is done with the first success, and later whole pulls (a new day) change nothing', () => {
    const { tracker, page, runEnded, changes } = rig();
    page(100, 1);
    runEnded({ lastSuccessAt: '2026-02-10T08:00:00.000Z' });
    expect(tracker.progress()).toMatchObject({ state: 'done', appointmentsPulled: 100 });
    const before = changes();
    page(7, 1, true);
    expect(tracker.progress()).toMatchObject({ state: 'done', appointmentsPulled: 100 });
    expect(changes()).toBe(before);
  });

  it('starts done and ready for a kiosk synced before', () => {
    const { tracker } = rig({ everUpToDate: true });
    expect(tracker.readiness()).toBe('ready');
    expect(tracker.progress().state).toBe('done');
  });
});
