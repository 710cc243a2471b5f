/**
 * Exactly once under faults: three kiosks of one site (each its own SQLite file and reserved
 * range) check in more than 1,000 bookings and issue walk-ins while the reference town hall
 * fails, delays, drops and duplicates about a third of its requests. Then the faults stop and
 * the kiosks drain: the town hall holds exactly one record per ticket, and no (service, day,
 * number) was issued twice, on any kiosk or at the town hall.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TurneroServer } from '../../server/server';
import { startServerUnderTest } from './server-databases';
import { localDayOf } from '../../src-shared/domain/site-time';
import { makeTempDir } from '../support/temp-dir';
import {
  bookingCodeFor,
  generatedSeed,
  makeKiosk,
  simulatedClock,
  type TestKiosk,
  TIME_ZONE,
} from './sync-kit';

const START = new Date('2026-02-10T09:00:00.000Z');
const APPOINTMENTS = 1050;
const WALK_INS_PER_KIOSK = 30;

describe('three kiosks against a faulty town hall', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let server: TurneroServer;
  let kiosks: TestKiosk[] = [];

  beforeEach(() => {
    dir = makeTempDir('sync-faults');
  });
  afterEach(async () => {
    for (const kiosk of kiosks) await kiosk.close();
    kiosks = [];
    await server?.close();
    dir.remove();
  });

  it('delivers every ticket exactly once and never issues a number twice', async () => {
    const startedAt = Date.now();
    // Real time moves on (backoff timers are real), from a fixed morning.
    const clock = simulatedClock(START, true);
    server = await startServerUnderTest({
      // Blocks of 40: check-ins here come far faster than at a real door, and a lease must
      // arrive before the quarter left of the last one is spent.
      seed: generatedSeed(APPOINTMENTS, {
        firstOffset: -30,
        spacing: 60 / APPOINTMENTS,
        blockSize: 40,
      }),
      now: clock.now,
    });
    // Distinct ranges above the ceiling (799), one per kiosk, as IT must configure them.
    const ranges = [
      { first: 800, last: 866 },
      { first: 867, last: 932 },
      { first: 933, last: 999 },
    ];
    kiosks = ranges.map((reservedRange, index) =>
      makeKiosk({
        dir: dir.path,
        baseUrl: server.url,
        kioskId: `kiosk-${index + 1}`,
        now: clock.now,
        reservedRange,
        timeoutMs: 1000,
        engine: {
          pollSeconds: () => 1,
          backoff: { baseMs: 20, factor: 2, maxMs: 400 },
          random: Math.random,
        },
      }),
    );
    for (const kiosk of kiosks) expect((await kiosk.engine.syncNow()).ok).toBe(true);

    server.admin.setFaults({
      latencyMs: 6,
      errorRate: 0.12,
      dropRate: 0.1,
      duplicateRate: 0.1,
      seed: 20260210,
    });
    for (const kiosk of kiosks) kiosk.engine.start();

    const outcomes = { checkIns: 0, walkIns: 0, refused: [] as string[] };
    await Promise.all(
      kiosks.map(async (kiosk, k) => {
        for (let i = k; i < APPOINTMENTS; i += kiosks.length) {
          const result = await kiosk.kiosk.checkIn(bookingCodeFor(i));
          if (result.ok && result.value.outcome === 'issued') outcomes.checkIns += 1;
          else outcomes.refused.push(result.ok ? result.value.outcome : result.error.code);
          if (i % 30 === k) {
            const walkIn = await kiosk.kiosk.issueWalkIn(`svc-${'abcde'[((i / 30) % 5) | 0]}`);
            if (walkIn.ok) outcomes.walkIns += 1;
            else outcomes.refused.push(walkIn.error.code);
          }
          // Let the engine's pushes and polls interleave with the check-ins.
          if (i % 10 === k) await new Promise((resolve) => setTimeout(resolve, 3));
        }
        for (let w = 0; outcomes.walkIns < WALK_INS_PER_KIOSK * 3 && w < WALK_INS_PER_KIOSK; w++) {
          const walkIn = await kiosk.kiosk.issueWalkIn('svc-a');
          if (walkIn.ok) outcomes.walkIns += 1;
        }
      }),
    );
    expect(outcomes.refused).toEqual([]);
    expect(outcomes.checkIns).toBe(APPOINTMENTS);

    // Longer under faults, with every kiosk retrying on its own backoff, until the outboxes are
    // (nearly) empty or 8 s have passed.
    const deadline = Date.now() + 8000;
    while (Date.now() < deadline && kiosks.some((k) => k.store.outbox.pendingCount() > 5)) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const faults = server.admin.faultStats();
    server.admin.setFaults(null);
    for (const kiosk of kiosks) await kiosk.engine.stop();
    for (const kiosk of kiosks) {
      for (let round = 0; round < 20 && kiosk.store.outbox.pendingCount() > 0; round++) {
        await kiosk.engine.syncNow();
      }
      expect(kiosk.store.outbox.pendingCount()).toBe(0);
      expect(kiosk.store.conflicts.recent()).toEqual([]);
    }

    const day = localDayOf(clock.now(), TIME_ZONE);
    const kioskTickets = kiosks.flatMap(
      (kiosk) =>
        kiosk.store.db
          .prepare('SELECT id, service_id, number, appointment_id FROM tickets WHERE local_day = ?')
          .all(day) as Array<{
          id: string;
          service_id: string;
          number: string;
          appointment_id: string | null;
        }>,
    );
    expect(kioskTickets).toHaveLength(outcomes.checkIns + outcomes.walkIns);
    const numbers = kioskTickets.map((ticket) => `${ticket.service_id}/${ticket.number}`);
    expect(new Set(numbers).size).toBe(numbers.length);

    // The town hall: one record per ticket, none missing, none twice, no number twice.
    const records = await server.admin.ticketsOfDay(day);
    expect(records).toHaveLength(kioskTickets.length);
    expect(new Set(records.map((record) => record.ticketId))).toEqual(
      new Set(kioskTickets.map((ticket) => ticket.id)),
    );
    expect(new Set(records.map((r) => `${r.serviceId}/${r.ticketNumber}`)).size).toBe(
      records.length,
    );
    expect(await server.admin.checkIns()).toHaveLength(outcomes.checkIns);
    expect(await server.admin.walkIns()).toHaveLength(outcomes.walkIns);

    const faulty = faults.errors + faults.dropsBefore + faults.dropsAfter + faults.duplicates;
    expect(faulty).toBeGreaterThan(100);
    const sources = kiosks.flatMap((kiosk) => kiosk.store.numbers.blocksOfDay(day));
    console.log(
      `sync-faults: ${outcomes.checkIns} check-ins + ${outcomes.walkIns} walk-ins on 3 kiosks; ` +
        `${faults.requests} requests under faults: ${faults.errors} 503, ` +
        `${faults.dropsBefore}+${faults.dropsAfter} dropped (before/after processing), ` +
        `${faults.duplicates} duplicated; ${sources.filter((b) => b.source === 'lease').length} leases, ` +
        `${sources.filter((b) => b.source === 'reserved').length} reserved blocks used; ` +
        `${Date.now() - startedAt} ms`,
    );
  }, 90_000);
});
