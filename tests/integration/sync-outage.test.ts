/**
 * Time-driven sync behaviour with a simulated clock: a 2-hour outage with check-ins during it
 * (all delivered after, in order, with backoff in between), the cursor the town hall forgets
 * (full resync with progress), and a kiosk clock that is off by minutes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TurneroServer } from '../../server/server';
import { startServerUnderTest } from './server-databases';
import type { SyncProgress, SyncStatus } from '../../src-main/sync/sync-engine';
import { makeTempDir } from '../support/temp-dir';
import {
  bookingCodeFor,
  generatedSeed,
  makeKiosk,
  simulatedClock,
  type TestKiosk,
} from './sync-kit';

const START = new Date('2026-02-10T08:00:00.000Z'); // 09:00 in Madrid
const MINUTE = 60_000;

describe('sync with a simulated clock', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let servers: TurneroServer[] = [];
  let kiosk: TestKiosk | null = null;

  beforeEach(() => {
    dir = makeTempDir('sync-outage');
  });
  afterEach(async () => {
    await kiosk?.close();
    kiosk = null;
    for (const server of servers.splice(0)) await server.close();
    dir.remove();
  });

  it('keeps issuing through a 2-hour outage and delivers everything after, in order', async () => {
    const clock = simulatedClock(START);
    // One booking every 5 minutes for the next 3 hours.
    const server = await startServerUnderTest({
      seed: generatedSeed(40, { firstOffset: 0, spacing: 5 }),
      now: clock.now,
    });
    servers.push(server);
    kiosk = makeKiosk({ dir: dir.path, baseUrl: server.url, kioskId: 'kiosk-1', now: clock.now });
    expect(await kiosk.engine.syncNow()).toMatchObject({ ok: true, appointmentsReceived: 40 });
    expect(kiosk.engine.getStatus().connectivity).toBe('online');

    server.admin.setFaults({ errorRate: 1 });
    const issued: string[] = [];
    const statuses: SyncStatus[] = [];
    kiosk.engine.onStatusChange((status) => statuses.push(status));
    const retryGaps: number[] = [];
    for (let step = 0; step < 24; step++) {
      clock.advance(5 * MINUTE);
      const checkIn = await kiosk.kiosk.checkIn(bookingCodeFor(step + 1));
      if (!checkIn.ok) throw new Error(checkIn.error.code);
      issued.push(checkIn.value.ticket.id);
      if (step % 4 === 0) {
        const walkIn = await kiosk.kiosk.issueWalkIn('svc-a');
        if (!walkIn.ok) throw new Error(walkIn.error.code);
        issued.push(walkIn.value.ticket.id);
      }
      const report = await kiosk.engine.syncNow();
      expect(report.ok).toBe(false);
      const status = kiosk.engine.getStatus();
      expect(status.connectivity).toBe('offline');
      if (status.nextPushAt) retryGaps.push(Date.parse(status.nextPushAt) - clock.now().getTime());
    }
    // Two hours later: 24 check-ins and 6 walk-ins wait, in the order they were issued.
    expect(kiosk.store.outbox.pendingCount()).toBe(30);
    expect(kiosk.engine.getStatus().lastSuccessAt).toBe(START.toISOString());
    // The waits between retries grow (two failed pushes a step: the one the check-in asked for,
    // and syncNow's), doubling from 1 s up to 5 min, with jitter (random 0.5 → 0.75 of each).
    expect(retryGaps.slice(0, 6)).toEqual([1500, 6000, 24000, 96000, 225000, 225000]);
    expect(statuses.at(-1)?.connectivity).toBe('offline');
    expect(kiosk.logs.filter((line) => line.startsWith('sync: offline'))).toHaveLength(1);

    server.admin.setFaults(null);
    clock.advance(MINUTE);
    expect(await kiosk.engine.syncNow()).toMatchObject({ ok: true, delivered: 30, rejected: 0 });
    expect(kiosk.engine.getStatus()).toMatchObject({
      connectivity: 'online',
      pendingOutbox: 0,
      lastSuccessAt: clock.now().toISOString(),
      nextPushAt: null,
    });
    // Strictly in order: the town hall received them as the kiosk issued them.
    const day = '2026-02-10';
    expect((await server.admin.ticketsOfDay(day)).map((ticket) => ticket.ticketId)).toEqual(issued);
  });

  it('a push run waits out its backoff; requests meanwhile do not hammer the town hall', async () => {
    const clock = simulatedClock(START);
    const server = await startServerUnderTest({
      seed: generatedSeed(10, { firstOffset: 0, spacing: 5 }),
      now: clock.now,
    });
    servers.push(server);
    kiosk = makeKiosk({ dir: dir.path, baseUrl: server.url, kioskId: 'kiosk-1', now: clock.now });
    await kiosk.engine.syncNow();
    server.admin.setFaults({ errorRate: 1 });
    await kiosk.kiosk.checkIn(bookingCodeFor(0)); // requestPush → one failed push
    await new Promise((resolve) => setTimeout(resolve, 100));
    const after = server.admin.faultStats().requests;
    expect(after).toBeGreaterThan(0);
    // Within the backoff (the clock does not move): more tickets, no more requests.
    await kiosk.kiosk.checkIn(bookingCodeFor(1));
    await kiosk.kiosk.checkIn(bookingCodeFor(2));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.admin.faultStats().requests).toBe(after);
    expect(kiosk.engine.getStatus().nextPushAt).not.toBeNull();
  });

  it('pulls the window again when the town hall no longer knows the cursor, with progress', async () => {
    const clock = simulatedClock(START);
    const first = await startServerUnderTest({ seed: generatedSeed(450), now: clock.now });
    servers.push(first);
    kiosk = makeKiosk({
      dir: dir.path,
      baseUrl: first.url,
      kioskId: 'kiosk-1',
      now: clock.now,
      engine: { pageLimit: 100 },
    });
    const progress: SyncProgress[] = [];
    kiosk.engine.onProgress((event) => progress.push(event));
    expect(await kiosk.engine.syncNow()).toMatchObject({ ok: true, appointmentsReceived: 450 });
    expect(progress.map((event) => event.appointments)).toEqual([100, 200, 300, 400, 450]);
    expect(progress.every((event) => event.initial)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ pages: 5, hasMore: false });

    // A delta: nothing changed.
    progress.length = 0;
    expect(await kiosk.engine.syncNow()).toMatchObject({ ok: true, appointmentsReceived: 0 });
    expect(progress).toEqual([{ initial: false, pages: 1, appointments: 0, hasMore: false }]);

    // The town hall's data is replaced (a restore): same port, new database, fewer bookings.
    const port = first.port;
    await first.close();
    servers = [];
    const second = await startServerUnderTest({ port, seed: generatedSeed(120), now: clock.now });
    servers.push(second);
    progress.length = 0;
    const report = await kiosk.engine.syncNow();
    expect(report).toMatchObject({ ok: true, appointmentsReceived: 120 });
    expect(kiosk.logs.some((line) => /refused the cursor/.test(line))).toBe(true);
    expect(progress.at(-1)).toMatchObject({ initial: true, appointments: 120, hasMore: false });
    expect(kiosk.engine.getStatus().connectivity).toBe('online');
  });

  it('reports a kiosk clock more than 2 minutes off, and goes on working', async () => {
    // The server's Date header is its real clock; the kiosk runs 3 minutes behind.
    const server = await startServerUnderTest({ seed: generatedSeed(5) });
    servers.push(server);
    let skewMs = -3 * MINUTE;
    const now = () => new Date(Date.now() + skewMs);
    kiosk = makeKiosk({ dir: dir.path, baseUrl: server.url, kioskId: 'kiosk-1', now });
    expect((await kiosk.engine.syncNow()).ok).toBe(true);
    const status = kiosk.engine.getStatus();
    expect(status.clockSkewed).toBe(true);
    expect(status.clockOffsetMs).toBeGreaterThan(2 * MINUTE);
    expect(status.connectivity).toBe('online');
    expect(kiosk.logs.filter((line) => /kiosk clock is \d+ s behind/.test(line))).toHaveLength(1);
    skewMs = 0;
    await kiosk.engine.syncNow();
    expect(kiosk.engine.getStatus().clockSkewed).toBe(false);
    expect(kiosk.logs.some((line) => /within 2 minutes/.test(line))).toBe(true);
  });
});
