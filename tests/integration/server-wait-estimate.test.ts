/**
 * The estimated wait through the real server and its database (SQLite, or PostgreSQL on a
 * `test:server-postgres` run; the store-level part on every test database): waiting counts and
 * minutes per turn in the site info, people ahead in the ticket answers, service times read
 * from finished turns and desks from recent calls.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  apiPaths,
  SiteInfoResponseSchema,
  WalkInRecordSchema,
  CheckInRecordSchema,
} from '../../src-shared/contract/townhall-api';
import { resolveSeed, parseSeed } from '../../server/seed';
import { openServerStore } from '../../server/store/store';
import { freshDatabases, testDialects } from './server-databases';
import {
  checkIn,
  movableClock,
  NOW,
  postTicket,
  request,
  seedDocument,
  serversClosedAfterEach,
  SITE,
  TODAY,
  walkIn,
} from './server-kit';

const startServer = serversClosedAfterEach();
const openDatabase = freshDatabases();
const at = (minutesFromNow: number) => new Date(NOW.getTime() + minutesFromNow * 60_000);

async function estimatesOf(server: { url: string }) {
  const info = SiteInfoResponseSchema.parse(
    (await request(server as never, 'GET', apiPaths.siteInfo(SITE))).body,
  );
  return new Map(info.waitEstimates?.services.map((service) => [service.serviceId, service]));
}

describe('the estimated wait on the server', () => {
  it('answers each ticket with its people ahead, appointments before walk-ins', async () => {
    const { server } = await startServer({ waitEstimate: { coldStartMinutes: 6 } });
    const first = await postTicket(
      server,
      apiPaths.walkIns(SITE),
      walkIn({ ticketNumber: 'E-101', issuedAt: at(-20).toISOString() }),
    );
    expect(first.status).toBe(201);
    expect(WalkInRecordSchema.parse(first.body)).toMatchObject({
      peopleAhead: 0,
      estimatedWaitMinutes: 0,
    });
    const second = await postTicket(
      server,
      apiPaths.walkIns(SITE),
      walkIn({ ticketNumber: 'E-102', issuedAt: at(-10).toISOString() }),
    );
    expect(WalkInRecordSchema.parse(second.body)).toMatchObject({
      peopleAhead: 1,
      estimatedWaitMinutes: 6,
    });
    // An appointment check-in goes before both walk-ins.
    const appointment = await postTicket(
      server,
      apiPaths.checkIns(SITE),
      checkIn('apt-aaa001', { ticketNumber: 'E-001', issuedAt: at(-1).toISOString() }),
    );
    expect(appointment.status).toBe(201);
    expect(CheckInRecordSchema.parse(appointment.body)).toMatchObject({
      peopleAhead: 0,
      estimatedWaitMinutes: 0,
    });
    const estimates = await estimatesOf(server);
    expect(estimates.get('empadronamiento')).toEqual({
      serviceId: 'empadronamiento',
      waiting: 3,
      waitingAppointments: 1,
      minutesPerTurn: 6,
    });
    expect(estimates.get('padron')).toMatchObject({ waiting: 0, minutesPerTurn: 6 });
  });

  it('divides by the desks that called the service lately, and forgets desks gone quiet', async () => {
    const clock = movableClock();
    const { server } = await startServer({
      now: clock.now,
      waitEstimate: { coldStartMinutes: 8, deskWindowMinutes: 30 },
    });
    for (const number of ['E-101', 'E-102', 'E-103', 'E-104']) {
      const ticket = walkIn({ ticketNumber: number, ticketId: randomUUID() });
      expect((await postTicket(server, apiPaths.walkIns(SITE), ticket)).status).toBe(201);
    }
    for (const desk of ['Mesa 1', 'Mesa 2']) {
      const called = await request(server, 'POST', apiPaths.callNext(SITE), { desk });
      expect(called.status).toBe(200);
    }
    expect((await estimatesOf(server)).get('empadronamiento')).toMatchObject({
      waiting: 2,
      minutesPerTurn: 4,
    });
    clock.advance(31 * 60_000);
    expect((await estimatesOf(server)).get('empadronamiento')).toMatchObject({
      waiting: 2,
      minutesPerTurn: 8,
    });
  });
});

describe.each(testDialects)('service times and desks in the store on %s', (dialect) => {
  it('reads the newest served call → finish durations and the distinct recent desks', async () => {
    const db = await openDatabase(dialect);
    // Not closed here: freshDatabases destroys the database after the test.
    const store = await openServerStore({ db, dialect });
    await store.loadSeed(resolveSeed(parseSeed(seedDocument()), NOW), NOW);
    const finished: [string, number, 'served' | 'no-show', number][] = [
      // number, minutes of service, outcome, finished this many minutes before NOW
      ['E-101', 4, 'served', 50],
      ['E-102', 9, 'no-show', 40],
      ['E-103', 6, 'served', 30],
      ['E-104', 2, 'served', 10],
    ];
    for (const [number, serviceMinutes, outcome, endedAgo] of finished) {
      const ticketId = randomUUID();
      await store.tickets.insert({
        ticketId,
        siteId: SITE,
        kind: 'walk-in',
        serviceId: 'empadronamiento',
        day: TODAY,
        ticketNumber: number,
        kioskId: 'kiosk-1',
        appointmentId: null,
        priority: false,
        issuedAt: at(-120).toISOString(),
        receivedAt: at(-120),
      });
      const finishedAt = at(-endedAgo).getTime();
      await sql`UPDATE tickets SET called_at_ms = ${finishedAt - serviceMinutes * 60_000},
          finished_at_ms = ${finishedAt}, outcome = ${outcome}, desk = 'Mesa 1'
        WHERE ticket_id = ${ticketId}`.execute(db);
    }
    expect(await store.follow.recentServiceMs(SITE, 'empadronamiento', 2)).toEqual([
      2 * 60_000,
      6 * 60_000,
    ]);
    expect(await store.follow.recentServiceMs(SITE, 'registro', 5)).toEqual([]);

    for (const [desk, service, calledAgo] of [
      ['Mesa 1', 'empadronamiento', 5],
      ['Mesa 2', 'empadronamiento', 20],
      ['Mesa 1', 'empadronamiento', 25],
      ['Mesa 2', 'registro', 45],
    ] as const) {
      await sql`INSERT INTO called_turns (site_id, ticket_id, ticket_number, service_id, desk,
          called_at) VALUES (${SITE}, ${randomUUID()}, 'E-999', ${service}, ${desk},
          ${at(-calledAgo).toISOString()})`.execute(db);
    }
    const desks = await store.follow.recentDesks(SITE, at(-30));
    expect(Object.fromEntries(desks)).toEqual({ empadronamiento: 2 });
  });
});
