/**
 * Outbox rows set aside (refused for good, or given up on) stay visible and can be sent again:
 * the engine lists them for staff (ticket number, kind, reason, when) and `resend` puts one back
 * in the queue with its counters cleared.
 */
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { MAX_ANSWERED_ATTEMPTS } from '../../src-main/sync/sync-engine';
import type { TurneroServer } from '../../server/server';
import { startServerUnderTest } from './server-databases';
import { makeTempDir } from '../support/temp-dir';
import {
  generatedSeed,
  issueCheckIn,
  makeKiosk,
  refuseCheckIns,
  simulatedClock,
  startGateway,
  type TestKiosk,
} from './sync-kit';

const START = new Date('2026-02-10T09:00:00.000Z'); // 10:00 in Madrid
const MINUTE = 60_000;

describe('set-aside outbox rows', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let server: TurneroServer;
  let kiosk: TestKiosk | null = null;
  const clock = simulatedClock(START);

  beforeEach(async () => {
    dir = makeTempDir('sync-set-aside');
    clock.set(START);
    server = await startServerUnderTest({
      seed: generatedSeed(12, { firstOffset: 10, spacing: 5 }),
      now: clock.now,
    });
  });
  afterEach(async () => {
    await kiosk?.close();
    kiosk = null;
    await server.close();
    dir.remove();
  });

  const outboxRow = (on: TestKiosk, ticketId: string) =>
    on.store.db
      .prepare(
        `SELECT attempts, answered_failures, last_error, rejected_at, delivered_at FROM outbox
         WHERE ticket_id = ?`,
      )
      .get(ticketId);

  it('lists a refused check-in for staff, and resends it once the town hall would take it', async () => {
    kiosk = makeKiosk({
      dir: dir.path,
      baseUrl: server.url,
      kioskId: 'kiosk-1',
      now: clock.now,
      autoPush: false,
    });
    const k = kiosk;
    await k.engine.syncNow();
    await server.admin.cancelAppointment('apt-0');
    const ticket = await issueCheckIn(k, 0); // from the cache, which still says booked
    clock.advance(MINUTE);
    expect(await k.engine.syncNow()).toMatchObject({ rejected: 1 });

    expect(k.engine.listSetAside()).toEqual([
      {
        ticketId: ticket.id,
        ticketNumber: ticket.number,
        kind: 'check-in',
        reason: expect.stringMatching(/^POST .*409 conflict: .*cancelled/),
        conflict: 'booking-cancelled',
        setAsideAt: clock.now().toISOString(),
      },
    ]);
    expect(k.engine.getStatus()).toMatchObject({ pendingOutbox: 0, setAsideOutbox: 1 });
    expect(k.engine.resend('00000000-0000-4000-8000-000000000000')).toBe(false);

    // Still cancelled: resent, refused again at once, listed once.
    expect(k.engine.resend(ticket.id)).toBe(true);
    expect(k.engine.getStatus()).toMatchObject({ pendingOutbox: 1, setAsideOutbox: 0 });
    expect(k.engine.resend(ticket.id)).toBe(false); // pending now, not set aside
    clock.advance(MINUTE);
    expect(await k.engine.syncNow()).toMatchObject({ delivered: 0, rejected: 1 });
    expect(k.engine.listSetAside()).toHaveLength(1);
    expect(k.engine.listSetAside()[0]?.setAsideAt).toBe(clock.now().toISOString());

    // The town hall takes the booking back (a cancellation undone): resent, delivered.
    await server.admin.updateAppointment('apt-0', { status: 'booked' });
    expect(k.engine.resend(ticket.id)).toBe(true);
    expect(outboxRow(k, ticket.id)).toEqual({
      attempts: 0,
      answered_failures: 0,
      last_error: null,
      rejected_at: null,
      delivered_at: null,
    });
    expect(await k.engine.syncNow()).toMatchObject({ ok: true, delivered: 1, rejected: 0 });
    expect(k.engine.listSetAside()).toEqual([]);
    expect(k.engine.getStatus()).toMatchObject({ pendingOutbox: 0, setAsideOutbox: 0 });
    expect((await server.admin.checkIns()).map((record) => record.ticketId)).toEqual([ticket.id]);
  });

  it('resends a row given up on after many failed answers, counters cleared', async () => {
    let failCheckIns = true;
    const gateway = await startGateway(
      server.url,
      (request, response) =>
        failCheckIns &&
        refuseCheckIns(request, response, 500, { code: 'internal', message: 'boom' }),
    );
    onTestFinished(() => gateway.close());
    kiosk = makeKiosk({
      dir: dir.path,
      baseUrl: gateway.url,
      kioskId: 'kiosk-2',
      now: clock.now,
      autoPush: false,
    });
    const k = kiosk;
    await k.engine.syncNow();
    const stuck = await issueCheckIn(k, 1);
    for (let run = 0; run < MAX_ANSWERED_ATTEMPTS; run += 1) await k.engine.syncNow();
    expect(k.engine.listSetAside()).toEqual([
      expect.objectContaining({
        ticketId: stuck.id,
        ticketNumber: stuck.number,
        conflict: 'gave-up',
        reason: expect.stringMatching(
          new RegExp(`500 internal: boom \\(${MAX_ANSWERED_ATTEMPTS} answered attempts\\)`),
        ),
      }),
    ]);

    failCheckIns = false;
    expect(k.engine.resend(stuck.id)).toBe(true);
    expect(outboxRow(k, stuck.id)).toMatchObject({ attempts: 0, answered_failures: 0 });
    expect(await k.engine.syncNow()).toMatchObject({ ok: true, delivered: 1 });
    expect(k.engine.listSetAside()).toEqual([]);
    expect((await server.admin.checkIns()).map((record) => record.ticketNumber)).toEqual([
      stuck.number,
    ]);
    expect(k.logs.some((line) => line.includes(`ticket ${stuck.number} queued again`))).toBe(true);
  });
});
