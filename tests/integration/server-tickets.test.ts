import { describe, expect, it } from 'vitest';
import {
  apiPaths,
  NumberLeaseSchema,
  SiteInfoResponseSchema,
  WalkInRecordSchema,
  type NumberLease,
} from '../../src-shared/contract/townhall-api';
import type { TurneroServer } from '../../server/server';
import {
  checkIn,
  errorCode,
  NOW,
  postTicket,
  request,
  serversClosedAfterEach,
  SITE,
  TODAY,
  walkIn,
} from './server-kit';

const startServer = serversClosedAfterEach();
let server: TurneroServer;

const lease = (kioskId: string, serviceId: string, size?: number, day = TODAY) =>
  request(server, 'POST', apiPaths.numberLeases(SITE), {
    kioskId,
    serviceId,
    day,
    ...(size !== undefined ? { size } : {}),
  });

describe('reference Town Hall API: number leases', () => {
  it('hands out blocks that never overlap, under concurrent requests from 3 kiosks', async () => {
    ({ server } = await startServer());
    const kiosks = ['kiosk-1', 'kiosk-2', 'kiosk-3'];
    // Ceiling 99: 60 requests of 1–4 numbers each; some will find it exhausted.
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        lease(kiosks[i % 3] as string, 'empadronamiento', (i % 4) + 1),
      ),
    );
    const leases: NumberLease[] = [];
    for (const answer of answers) {
      if (answer.status === 201) leases.push(NumberLeaseSchema.parse(answer.body));
      else expect(errorCode(answer)).toBe('lease-exhausted');
    }
    const taken = new Set<number>();
    for (const block of leases) {
      expect(block.first).toBeLessThanOrEqual(block.last);
      expect(block.last).toBeLessThanOrEqual(99);
      for (let n = block.first; n <= block.last; n += 1) {
        expect(taken.has(n), `counter ${n} leased twice`).toBe(false);
        taken.add(n);
      }
    }
    // 1+2+3+4 repeated 15 times = 150 > 99: everything up to the ceiling is leased, contiguously.
    expect([...taken].sort((a, b) => a - b)).toEqual(Array.from({ length: 99 }, (_, i) => i + 1));
    const exhausted = await lease('kiosk-1', 'empadronamiento');
    expect(exhausted.status).toBe(409);
    expect(errorCode(exhausted)).toBe('lease-exhausted');
    expect(await server.admin.numberLeases()).toHaveLength(leases.length);
    expect(new Set((await server.admin.numberLeases()).map((entry) => entry.kioskId))).toEqual(
      new Set(kiosks),
    );
  });

  it('counts per service and day, with the default block size, clipped at the ceiling', async () => {
    ({ server } = await startServer());
    expect(NumberLeaseSchema.parse((await lease('kiosk-1', 'empadronamiento')).body)).toMatchObject(
      {
        serviceId: 'empadronamiento',
        day: TODAY,
        first: 1,
        last: 10,
      },
    );
    expect((await lease('kiosk-1', 'registro')).body).toMatchObject({ first: 1, last: 10 });
    expect((await lease('kiosk-1', 'empadronamiento', 5, '2026-02-11')).body).toMatchObject({
      first: 1,
      last: 5,
    });
    // At most 50 a lease.
    expect((await lease('kiosk-2', 'empadronamiento', 85)).body).toMatchObject({
      first: 11,
      last: 60,
    });
    expect((await lease('kiosk-3', 'empadronamiento', 30)).body).toMatchObject({
      first: 61,
      last: 90,
    });
    expect((await lease('kiosk-4', 'empadronamiento', 20)).body).toMatchObject({
      first: 91,
      last: 99,
    });
    expect((await lease('kiosk-3', 'nothing')).status).toBe(404);
    expect((await lease('kiosk-3', 'registro', 500)).status).toBe(400);
  });
});

describe('reference Town Hall API: walk-ins', () => {
  it('records a walk-in once, replays it, and refuses the key with another body', async () => {
    ({ server } = await startServer());
    const ticket = walkIn();
    const created = await postTicket(server, apiPaths.walkIns(SITE), ticket);
    expect(created.status).toBe(201);
    const answer = WalkInRecordSchema.parse(created.body);
    // The answer also says where the ticket stands (the estimated wait); the record does not.
    const record = { ...ticket, receivedAt: NOW.toISOString() };
    expect(answer).toEqual({ ...record, peopleAhead: 0, estimatedWaitMinutes: 0 });
    const replay = await postTicket(server, apiPaths.walkIns(SITE), ticket);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(answer);
    const mismatch = await postTicket(server, apiPaths.walkIns(SITE), {
      ...ticket,
      ticketNumber: 'E-002',
    });
    expect(mismatch.status).toBe(409);
    expect(errorCode(mismatch)).toBe('idempotency-key-mismatch');
    // A check-in cannot reuse a walk-in's ticket id either.
    const reuse = await postTicket(
      server,
      apiPaths.checkIns(SITE),
      checkIn('apt-aaa001', { ticketId: ticket.ticketId }),
    );
    expect(errorCode(reuse)).toBe('idempotency-key-mismatch');
    expect(await server.admin.walkIns()).toEqual([record]);

    const noKey = await request(server, 'POST', apiPaths.walkIns(SITE), walkIn());
    expect(noKey.status).toBe(400);
  });

  it('refuses services without walk-ins, unknown services and numbers already issued', async () => {
    ({ server } = await startServer());
    const padron = await postTicket(
      server,
      apiPaths.walkIns(SITE),
      walkIn({ serviceId: 'padron', ticketNumber: 'P-001' }),
    );
    expect(padron.status).toBe(409);
    expect(errorCode(padron)).toBe('conflict');
    expect(
      (await postTicket(server, apiPaths.walkIns(SITE), walkIn({ serviceId: 'nothing' }))).status,
    ).toBe(404);

    expect((await postTicket(server, apiPaths.walkIns(SITE), walkIn())).status).toBe(201);
    const twice = await postTicket(server, apiPaths.walkIns(SITE), walkIn({ kioskId: 'kiosk-2' }));
    expect(twice.status).toBe(409);
    expect(errorCode(twice)).toBe('conflict');
    expect(twice.body).toMatchObject({ error: { message: expect.stringMatching(/E-001/) } });
    // The same number by a check-in of the same service and day: refused too.
    const clash = await postTicket(server, apiPaths.checkIns(SITE), checkIn('apt-aaa001'));
    expect(clash.status).toBe(409);
    expect(errorCode(clash)).toBe('conflict');
    expect(await server.admin.getAppointment('apt-aaa001')).toMatchObject({ status: 'booked' });
    // Another day, or another service, may use it.
    expect(
      (
        await postTicket(
          server,
          apiPaths.walkIns(SITE),
          walkIn({ issuedAt: '2026-02-11T09:00:00.000Z' }),
        )
      ).status,
    ).toBe(201);
    expect(
      (
        await postTicket(
          server,
          apiPaths.walkIns(SITE),
          walkIn({ serviceId: 'registro', ticketNumber: 'E-001' }),
        )
      ).status,
    ).toBe(201);
    const today = await server.admin.ticketsOfDay(TODAY);
    expect(today.map((ticket) => [ticket.serviceId, ticket.ticketNumber])).toEqual([
      ['empadronamiento', 'E-001'],
      ['registro', 'E-001'],
    ]);
    expect(await server.admin.ticketsOfDay('2026-02-11')).toHaveLength(1);
  });

  it('counts check-ins and walk-ins of the day against the daily cap', async () => {
    ({ server } = await startServer());
    // registro: dailyCap 3. One check-in and two walk-ins fill it.
    const firstTicket = checkIn('apt-aaa003', { ticketNumber: 'R-001' });
    expect((await postTicket(server, apiPaths.checkIns(SITE), firstTicket)).status).toBe(201);
    for (const number of ['R-002', 'R-003']) {
      const answer = await postTicket(
        server,
        apiPaths.walkIns(SITE),
        walkIn({ serviceId: 'registro', ticketNumber: number }),
      );
      expect(answer.status).toBe(201);
    }
    const capped = walkIn({ serviceId: 'registro', ticketNumber: 'R-004' });
    const full = await postTicket(server, apiPaths.walkIns(SITE), capped);
    expect(full.status).toBe(409);
    expect(errorCode(full)).toBe('daily-cap-reached');
    // Tomorrow is another day; a replay of an accepted ticket is still a replay.
    expect(
      (
        await postTicket(
          server,
          apiPaths.walkIns(SITE),
          walkIn({ ...capped, issuedAt: '2026-02-11T08:00:00.000Z' }),
        )
      ).status,
    ).toBe(201);
    expect((await postTicket(server, apiPaths.checkIns(SITE), firstTicket)).status).toBe(200);
  });

  it('caps check-ins too', async () => {
    ({ server } = await startServer());
    await server.admin.addAppointment(SITE, {
      code: 'TRN-AAA005',
      serviceId: 'registro',
      startsAt: NOW,
    });
    for (const number of ['R-001', 'R-002', 'R-003']) {
      const answer = await postTicket(
        server,
        apiPaths.walkIns(SITE),
        walkIn({ serviceId: 'registro', ticketNumber: number }),
      );
      expect(answer.status).toBe(201);
    }
    const refused = await postTicket(
      server,
      apiPaths.checkIns(SITE),
      checkIn('apt-aaa005', { ticketNumber: 'R-004' }),
    );
    expect(refused.status).toBe(409);
    expect(errorCode(refused)).toBe('daily-cap-reached');
    expect(await server.admin.getAppointment('apt-aaa005')).toMatchObject({ status: 'booked' });
  });

  it('keeps a priority walk-in as priority, and a replay must repeat it', async () => {
    ({ server } = await startServer());
    const priority = walkIn({ priority: true });
    const created = await postTicket(server, apiPaths.walkIns(SITE), priority);
    expect(created.status).toBe(201);
    expect(WalkInRecordSchema.parse(created.body)).toMatchObject({ priority: true });
    expect((await postTicket(server, apiPaths.walkIns(SITE), priority)).status).toBe(200);
    const without = await postTicket(server, apiPaths.walkIns(SITE), {
      ...priority,
      priority: false,
    });
    expect(errorCode(without)).toBe('idempotency-key-mismatch');
    // A kiosk that does not know the field (or says false) gets an ordinary ticket.
    const plain = walkIn({ ticketNumber: 'E-002' });
    expect((await postTicket(server, apiPaths.walkIns(SITE), plain)).body).not.toHaveProperty(
      'priority',
    );
    expect(
      (await server.admin.ticketsOfDay(TODAY)).map((ticket) => [
        ticket.ticketNumber,
        ticket.priority,
      ]),
    ).toEqual([
      ['E-001', true],
      ['E-002', false],
    ]);
  });

  it('tells every kiosk in the site info how many tickets each service gave today', async () => {
    ({ server } = await startServer());
    const info = async () =>
      SiteInfoResponseSchema.parse((await request(server, 'GET', apiPaths.siteInfo(SITE))).body);
    expect((await info()).issuedToday).toEqual({ day: TODAY, services: [] });
    await postTicket(
      server,
      apiPaths.checkIns(SITE),
      checkIn('apt-aaa003', { ticketNumber: 'R-001' }),
    );
    await postTicket(
      server,
      apiPaths.walkIns(SITE),
      walkIn({ serviceId: 'registro', ticketNumber: 'R-002', kioskId: 'kiosk-2' }),
    );
    await postTicket(server, apiPaths.walkIns(SITE), walkIn());
    // Another day's ticket is not today's.
    await postTicket(
      server,
      apiPaths.walkIns(SITE),
      walkIn({ ticketNumber: 'E-002', issuedAt: '2026-02-11T09:00:00.000Z' }),
    );
    expect((await info()).issuedToday).toEqual({
      day: TODAY,
      services: [
        { serviceId: 'empadronamiento', count: 1 },
        { serviceId: 'registro', count: 2 },
      ],
    });
  });
});
