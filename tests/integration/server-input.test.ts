import { describe, expect, it } from 'vitest';
import {
  apiPaths,
  NumberLeaseSchema,
  SiteInfoResponseSchema,
} from '../../src-shared/contract/townhall-api';
import { addDays } from '../../src-shared/domain/site-time';
import { parseSeed } from '../../server/seed';
import type { TurneroServer } from '../../server/server';
import {
  checkIn,
  errorCode,
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
let server: TurneroServer;

const HOUR = 3_600_000;
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR).toISOString();

const lease = (body: Record<string, unknown>) =>
  request(server, 'POST', apiPaths.numberLeases(SITE), {
    kioskId: 'kiosk-1',
    serviceId: 'empadronamiento',
    day: TODAY,
    ...body,
  });

/** The kit's seed with the default numbering: counters 1–799 leased. */
const wideNumbering = () =>
  parseSeed(
    seedDocument({
      site: {
        ...seedDocument().site,
        numbering: { leaseCeiling: 799, defaultBlockSize: 20 },
      },
    }),
  );

describe('reference Town Hall API: what a ticket report may carry', () => {
  it('takes ticket numbers of the ticket-number format only', async () => {
    ({ server } = await startServer());
    const refused = [
      '<b>E-001</b>',
      'E-001\u202e',
      '\u2067E-002',
      'E-000',
      'e-003',
      'EEEE-004',
      'E-1234',
      'E 005',
    ];
    for (const ticketNumber of refused) {
      const asWalkIn = await postTicket(server, apiPaths.walkIns(SITE), walkIn({ ticketNumber }));
      expect(asWalkIn.status, JSON.stringify(ticketNumber)).toBe(400);
      expect(asWalkIn.body).toMatchObject({
        error: { message: expect.stringMatching(/body\.ticketNumber/) },
      });
      const asCheckIn = await postTicket(
        server,
        apiPaths.checkIns(SITE),
        checkIn('apt-aaa001', { ticketNumber }),
      );
      expect(asCheckIn.status, JSON.stringify(ticketNumber)).toBe(400);
    }
    expect(await server.admin.walkIns()).toEqual([]);
    expect(await server.admin.checkIns()).toEqual([]);
    const fine = await postTicket(
      server,
      apiPaths.walkIns(SITE),
      walkIn({ ticketNumber: 'E-999' }),
    );
    expect(fine.status).toBe(201);
  });

  it('bounds issuedAt: a day ahead of the server at most, and within the retention', async () => {
    ({ server } = await startServer());
    const refused = ['9999-12-31T23:59:59.000Z', at(25), at(-32 * 24), '0001-01-01T00:00:00.000Z'];
    for (const [index, issuedAt] of refused.entries()) {
      const ticketNumber = `E-${String(100 + index)}`;
      const answer = await postTicket(
        server,
        apiPaths.walkIns(SITE),
        walkIn({ issuedAt, ticketNumber }),
      );
      expect(answer.status, issuedAt).toBe(400);
      expect(answer.body).toMatchObject({
        error: { message: expect.stringMatching(/issuedAt/) },
      });
    }
    expect(
      (
        await postTicket(
          server,
          apiPaths.checkIns(SITE),
          checkIn('apt-aaa001', { issuedAt: at(30) }),
        )
      ).status,
    ).toBe(400);
    expect((await server.admin.getAppointment('apt-aaa001'))?.status).toBe('booked');
    // A kiosk's clock a little ahead, and a ticket reported days late after an outage: taken.
    for (const [index, issuedAt] of [at(23), at(-3 * 24), at(-30 * 24)].entries()) {
      const ticketNumber = `E-${String(200 + index)}`;
      const answer = await postTicket(
        server,
        apiPaths.walkIns(SITE),
        walkIn({ issuedAt, ticketNumber }),
      );
      expect(answer.status, issuedAt).toBe(201);
    }
  });

  it('answers 409 to the same key with another identifiedBy or bookingToken', async () => {
    ({ server } = await startServer());
    const original = checkIn('apt-aaa001', { identifiedBy: 'token', bookingToken: 'a.b.c' });
    expect((await postTicket(server, apiPaths.checkIns(SITE), original)).status).toBe(201);
    expect((await postTicket(server, apiPaths.checkIns(SITE), original)).status).toBe(200);
    const variants = [
      { ...original, identifiedBy: 'code' },
      { ...original, identifiedBy: undefined },
      { ...original, bookingToken: 'a.b.d' },
      { ...original, bookingToken: undefined },
    ];
    for (const variant of variants) {
      const answer = await postTicket(server, apiPaths.checkIns(SITE), variant);
      expect(answer.status, JSON.stringify(variant)).toBe(409);
      expect(errorCode(answer)).toBe('idempotency-key-mismatch');
    }
    // Without either, a replay without either is the same request.
    const plain = checkIn('apt-aaa002', { ticketNumber: 'E-002' });
    expect((await postTicket(server, apiPaths.checkIns(SITE), plain)).status).toBe(201);
    expect((await postTicket(server, apiPaths.checkIns(SITE), plain)).status).toBe(200);
    const withHow = { ...plain, identifiedBy: 'code' };
    expect((await postTicket(server, apiPaths.checkIns(SITE), withHow)).status).toBe(409);
  });
});

describe('reference Town Hall API: what a lease request may ask', () => {
  it('leases for real calendar days from yesterday to a week ahead only', async () => {
    ({ server } = await startServer());
    for (const day of ['2026-02-30', '2026-02-29', '2026-04-31', '9999-12-31', addDays(TODAY, 8)]) {
      const answer = await lease({ day });
      expect(answer.status, day).toBe(400);
      expect(answer.body).toMatchObject({ error: { message: expect.stringMatching(/day/) } });
    }
    expect((await lease({ day: addDays(TODAY, -2) })).status).toBe(400);
    // Yesterday: a kiosk whose clock is a minute behind at midnight.
    for (const day of [addDays(TODAY, -1), TODAY, addDays(TODAY, 7)]) {
      expect((await lease({ day })).status, day).toBe(201);
    }
    expect(await server.admin.numberLeases()).toHaveLength(3);
  });

  it('gives at most 50 numbers a request and 200 unused ones to a kiosk a service and day', async () => {
    ({ server } = await startServer({ seed: wideNumbering() }));
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push(await lease({ size: 200 }));
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 429]);
    expect(NumberLeaseSchema.parse(answers[0]?.body)).toMatchObject({ first: 1, last: 50 });
    expect(NumberLeaseSchema.parse(answers[3]?.body)).toMatchObject({ first: 151, last: 200 });
    const refused = answers[4] as (typeof answers)[number];
    expect(errorCode(refused)).toBe('rate-limited');
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    // Another kiosk, another service or another day is not held up by it.
    expect((await lease({ kioskId: 'kiosk-2' })).body).toMatchObject({ first: 201, last: 220 });
    expect((await lease({ serviceId: 'registro' })).status).toBe(201);
    expect((await lease({ day: addDays(TODAY, 1) })).status).toBe(201);

    // Once it reports tickets of its numbers, it may lease again, up to 200 unused.
    for (let counter = 1; counter <= 30; counter += 1) {
      const ticketNumber = `E-${String(counter).padStart(3, '0')}`;
      const answer = await postTicket(server, apiPaths.walkIns(SITE), walkIn({ ticketNumber }));
      expect(answer.status).toBe(201);
    }
    const topUp = await lease({ size: 50 });
    expect(NumberLeaseSchema.parse(topUp.body)).toMatchObject({ first: 221, last: 250 });
    expect((await lease({})).status).toBe(429);
    const leased = (await server.admin.numberLeases())
      .filter((entry) => entry.kioskId === 'kiosk-1' && entry.serviceId === 'empadronamiento')
      .filter((entry) => entry.day === TODAY);
    expect(leased.reduce((sum, entry) => sum + entry.last - entry.first + 1, 0)).toBe(230);
  });

  it('publishes the block size a lease really gives', async () => {
    const seed = seedDocument();
    ({ server } = await startServer({
      seed: parseSeed({
        ...seed,
        site: { ...seed.site, numbering: { leaseCeiling: 799, defaultBlockSize: 200 } },
      }),
    }));
    const info = SiteInfoResponseSchema.parse(
      (await request(server, 'GET', apiPaths.siteInfo(SITE))).body,
    );
    expect(info.site.numbering).toEqual({ leaseCeiling: 799, defaultBlockSize: 50 });
    expect((await lease({})).body).toMatchObject({ first: 1, last: 50 });
  });

  it('counts a block given up below the numbers in use as spent, and takes a tighter cap', async () => {
    ({ server } = await startServer({ seed: wideNumbering(), maxUnusedLeasedNumbers: 100 }));
    // The answer of 1–50 was lost: the kiosk asked again and uses 51–100.
    expect((await lease({ size: 50 })).status).toBe(201);
    expect((await lease({ size: 50 })).status).toBe(201);
    expect((await lease({ size: 50 })).status).toBe(429);
    const used = await postTicket(
      server,
      apiPaths.walkIns(SITE),
      walkIn({ ticketNumber: 'E-051' }),
    );
    expect(used.status).toBe(201);
    // Unused now: 52–100 only (49), so 50 more fit.
    expect(NumberLeaseSchema.parse((await lease({ size: 50 })).body)).toMatchObject({
      first: 101,
      last: 150,
    });
  });
});
