/**
 * What happens when the town hall's word differs from what a kiosk did offline. Each case has
 * one defined outcome: the server's word wins, the citizen's ticket stays valid, and the case is
 * recorded for staff in `sync_conflicts` (ticket number, kind, reason — no personal data).
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { MAX_ANSWERED_ATTEMPTS } from '../../src-main/sync/sync-engine';
import type { TurneroServer } from '../../server/server';
import { startServerUnderTest } from './server-databases';
import { makeTempDir } from '../support/temp-dir';
import {
  bookingCodeFor,
  generatedSeed,
  issueCheckIn,
  makeKiosk,
  refuseCheckIns,
  simulatedClock,
  SITE,
  startGateway,
  type TestKiosk,
} from './sync-kit';

const START = new Date('2026-02-10T09:00:00.000Z'); // 10:00 in Madrid
const TODAY = '2026-02-10';

describe('sync conflicts', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let server: TurneroServer;
  let kiosks: TestKiosk[];
  const clock = simulatedClock(START);

  beforeEach(async () => {
    dir = makeTempDir('sync-conflicts');
    clock.set(START);
    server = await startServerUnderTest({
      seed: generatedSeed(12, { firstOffset: 10, spacing: 5 }),
      now: clock.now,
    });
    kiosks = ['kiosk-1', 'kiosk-2'].map((kioskId, index) =>
      makeKiosk({
        dir: dir.path,
        baseUrl: server.url,
        kioskId,
        now: clock.now,
        reservedRange: index === 0 ? { first: 900, last: 949 } : { first: 950, last: 999 },
        autoPush: false,
      }),
    );
    for (const kiosk of kiosks) await kiosk.engine.syncNow();
  });
  afterEach(async () => {
    for (const kiosk of kiosks) await kiosk.close();
    await server.close();
    dir.remove();
  });

  it('a booking cancelled online, then checked in offline from the cache: refused, recorded, ticket kept', async () => {
    const [a] = kiosks as [TestKiosk];
    await server.admin.cancelAppointment('apt-0');
    const ticket = await issueCheckIn(a, 0); // the cache still says booked
    const report = await a.engine.syncNow();
    expect(report).toMatchObject({ ok: true, delivered: 0, rejected: 1 });
    expect(a.store.conflicts.recent()).toEqual([
      expect.objectContaining({ ticketNumber: ticket.number, kind: 'booking-cancelled' }),
    ]);
    expect(a.store.conflicts.recent()[0]?.reason).toMatch(/409 conflict: .*cancelled/);
    // The citizen's ticket stays valid; the cache now agrees with the town hall.
    expect(a.store.tickets.get(ticket.id)).toMatchObject({
      number: ticket.number,
      printStatus: 'printed',
    });
    expect(a.store.catalog.getAppointment('apt-0')?.status).toBe('cancelled');
    expect(await server.admin.ticketsOfDay(TODAY)).toEqual([]);
  });

  it('the same booking checked in on two kiosks: the first to reach the town hall wins', async () => {
    const [a, b] = kiosks as [TestKiosk, TestKiosk];
    const first = await issueCheckIn(a, 1);
    const second = await issueCheckIn(b, 1);
    expect(first.number).not.toBe(second.number);
    expect(await a.engine.syncNow()).toMatchObject({ delivered: 1, rejected: 0 });
    expect(await b.engine.syncNow()).toMatchObject({ delivered: 0, rejected: 1 });
    expect(b.store.conflicts.recent()).toEqual([
      expect.objectContaining({ ticketNumber: second.number, kind: 'checked-in-elsewhere' }),
    ]);
    expect(a.store.conflicts.count()).toBe(0);
    expect((await server.admin.checkIns()).map((record) => record.ticketId)).toEqual([first.id]);
    // Kiosk 2 learns the town hall's state; a new scan there shows its own ticket again.
    expect(b.store.catalog.getAppointment('apt-1')?.status).toBe('checked-in');
  });

  it('a booking already checked in at another kiosk gets no second number there, and its own is told', async () => {
    const [a, b] = kiosks as [TestKiosk, TestKiosk];
    const first = await issueCheckIn(a, 1);
    expect(await a.engine.syncNow()).toMatchObject({ delivered: 1 });
    await b.engine.syncNow();
    expect(b.store.catalog.getAppointment('apt-1')).toMatchObject({
      status: 'checked-in',
      ticketNumber: first.number,
    });
    const ticketsBefore = b.store.tickets.countOnDay(TODAY);
    expect(await b.kiosk.checkIn(bookingCodeFor(1))).toEqual({
      ok: false,
      error: {
        code: 'already-checked-in-elsewhere',
        params: { number: first.number, context: 'number' },
      },
    });
    expect(b.store.tickets.countOnDay(TODAY)).toBe(ticketsBefore);
    expect(b.store.outbox.pendingCount()).toBe(0);
    // On the kiosk that issued it, the same scan is the same ticket.
    expect(await a.kiosk.checkIn(bookingCodeFor(1))).toMatchObject({
      ok: true,
      value: { outcome: 'already-issued', ticket: { id: first.id, number: first.number } },
    });
  });

  it('a booking moved to another day: the pull moves it; a check-in made before is reported and the server decides', async () => {
    const [a, b] = kiosks as [TestKiosk, TestKiosk];
    const tomorrow = new Date(START.getTime() + 24 * 3600_000);
    await server.admin.updateAppointment('apt-2', { startsAt: tomorrow });
    await server.admin.updateAppointment('apt-3', { startsAt: tomorrow });

    // Kiosk 1 checks in apt-2 from its cache before it pulls: issued, pushed, accepted.
    const ticket = await issueCheckIn(a, 2);
    expect(await a.engine.syncNow()).toMatchObject({ ok: true, delivered: 1, rejected: 0 });
    expect(a.store.catalog.getAppointment('apt-2')).toMatchObject({
      localDay: '2026-02-11',
      status: 'checked-in',
    });
    expect(a.store.conflicts.recent()).toEqual([
      expect.objectContaining({ ticketNumber: ticket.number, kind: 'rescheduled' }),
    ]);
    expect(a.store.conflicts.recent()[0]?.reason).toMatch(/on 2026-02-11/);
    expect(
      a.logs.some((line) => line.includes(`ticket ${ticket.number}: checked in on ${TODAY}`)),
    ).toBe(true);

    // Kiosk 2 pulls first: the booking is not today any more.
    await b.engine.syncNow();
    expect(await b.kiosk.checkIn(bookingCodeFor(3))).toEqual({
      ok: false,
      error: {
        code: 'booking-not-today',
        params: { day: '2026-02-11', time: '10:00', when: 'tomorrow', context: 'tomorrow' },
      },
    });
  });

  it('a check-in the town hall rejects (422, or invalid) is closed as rejected and kept', async () => {
    const [a] = kiosks as [TestKiosk];
    const ticketId = randomUUID();
    a.store.transaction(() => {
      a.store.tickets.insertWithNextNumber({
        id: ticketId,
        localDay: TODAY,
        serviceId: 'svc-a',
        servicePrefix: 'A',
        appointmentId: 'apt-from-a-token',
        appointmentTime: '10:30',
        issuedAt: clock.now(),
      });
      a.store.outbox.add(
        ticketId,
        'check-in',
        {
          ticketId,
          appointmentId: 'apt-from-a-token',
          kioskId: 'kiosk-1',
          ticketNumber: 'A-001',
          issuedAt: clock.now().toISOString(),
          identifiedBy: 'token',
          bookingToken: 'eyJ.signed.elsewhere',
        },
        clock.now(),
      );
      // A row this build cannot send (e.g. written by a faulty older version).
      const broken = randomUUID();
      a.store.tickets.insertWithNextNumber({
        id: broken,
        localDay: TODAY,
        serviceId: 'svc-a',
        servicePrefix: 'A',
        appointmentId: null,
        appointmentTime: null,
        issuedAt: clock.now(),
      });
      a.store.outbox.add(broken, 'walk-in', { ticketId: broken }, clock.now());
    });
    const next = await issueCheckIn(a, 4); // behind them in the queue: still delivered
    const report = await a.engine.syncNow();
    expect(report).toMatchObject({ ok: true, delivered: 1, rejected: 2 });
    expect(
      a.store.conflicts
        .recent()
        .map((c) => c.kind)
        .sort(),
    ).toEqual(['rejected', 'unknown-appointment']);
    expect(a.store.tickets.get(ticketId)).toBeDefined();
    expect((await server.admin.ticketsOfDay(TODAY)).map((t) => t.ticketId)).toEqual([next.id]);
    expect((await a.engine.syncNow()).rejected).toBe(0);
    expect(SITE).toBe('sync-sac');
  });

  it('sets aside a row the town hall keeps failing, so the check-ins behind it still go', async () => {
    // A gateway in front of the town hall that answers check-ins with a 500, while the rest
    // works (a 503 would be an outage, which never sets a row aside).
    let failCheckIns = true;
    const gateway = await startGateway(
      server.url,
      (request, response) =>
        failCheckIns &&
        refuseCheckIns(request, response, 500, { code: 'internal', message: 'boom' }),
    );
    onTestFinished(() => gateway.close());
    const c = makeKiosk({
      dir: dir.path,
      baseUrl: gateway.url,
      kioskId: 'kiosk-3',
      now: clock.now,
      reservedRange: { first: 900, last: 999 },
      autoPush: false,
    });
    kiosks.push(c);
    await c.engine.syncNow();
    const stuck = await issueCheckIn(c, 4);
    const behind = await issueCheckIn(c, 5);
    for (let run = 1; run < MAX_ANSWERED_ATTEMPTS; run += 1) {
      expect((await c.engine.syncNow()).ok).toBe(false);
      expect(c.store.conflicts.count()).toBe(0);
    }
    await c.engine.syncNow();
    expect(c.store.conflicts.recent()).toEqual([
      expect.objectContaining({ ticketNumber: stuck.number, kind: 'gave-up' }),
    ]);
    failCheckIns = false;
    expect(await c.engine.syncNow()).toMatchObject({ ok: true, delivered: 1 });
    expect((await server.admin.checkIns()).map((record) => record.ticketNumber)).toEqual([
      behind.number,
    ]);
  });

  it('never sets a row aside while the town hall cannot be reached at all', async () => {
    const [a] = kiosks as [TestKiosk];
    const ticket = await issueCheckIn(a, 6);
    const port = new URL(server.url).port;
    await server.close();
    for (let run = 0; run < MAX_ANSWERED_ATTEMPTS + 3; run += 1) await a.engine.syncNow();
    expect(a.store.conflicts.count()).toBe(0);
    expect(a.store.outbox.pendingCount()).toBe(1);
    server = await startServerUnderTest({
      port: Number(port),
      seed: generatedSeed(12, { firstOffset: 10, spacing: 5 }),
      now: clock.now,
    });
    expect(await a.engine.syncNow()).toMatchObject({ ok: true, delivered: 1 });
    expect((await server.admin.checkIns()).map((record) => record.ticketNumber)).toEqual([
      ticket.number,
    ]);
  });
});
