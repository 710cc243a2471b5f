import { describe, expect, it } from 'vitest';
import { apiPaths, EnrolmentResponseSchema } from '../../src-shared/contract/townhall-api';
import { parseSeed, SeedError } from '../../server/seed';
import type { TurneroServer } from '../../server/server';
import {
  bearer,
  errorCode,
  movableClock,
  rawErrorCode,
  rawRequest,
  request,
  seedDocument,
  serversClosedAfterEach,
  SITE,
} from './server-kit';

const startServer = serversClosedAfterEach();
let server: TurneroServer;

const MINUTE = 60_000;

const enrol = (enrolmentCode: string, kioskId: string) =>
  request(server, 'POST', apiPaths.enrol(SITE), { enrolmentCode, kioskId });

const enrolFrom = (localAddress: string, enrolmentCode: string, kioskId: string) =>
  rawRequest(server, {
    method: 'POST',
    path: apiPaths.enrol(SITE),
    body: { enrolmentCode, kioskId },
    localAddress,
  });

const siteInfoWith = async (credential: string) =>
  (await request(server, 'GET', apiPaths.siteInfo(SITE), undefined, bearer(credential))).status;

describe('reference Town Hall API: enrolment codes', () => {
  it('binds a code to one kiosk of one site, and it works once', async () => {
    ({ server } = await startServer());
    const code = await server.admin.createEnrolmentCode({ kioskId: 'kiosk-5' });
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const otherKiosk = await enrol(code, 'kiosk-6');
    expect(otherKiosk.status).toBe(401);
    expect(errorCode(otherKiosk)).toBe('unauthorized');
    const own = await enrol(code, 'kiosk-5');
    expect(own.status).toBe(201);
    expect(EnrolmentResponseSchema.parse(own.body).kioskId).toBe('kiosk-5');
    expect((await enrol(code, 'kiosk-5')).status).toBe(401);
    await expect(
      server.admin.createEnrolmentCode({ siteId: 'nowhere', kioskId: 'k-1' }),
    ).rejects.toThrow();
    await expect(server.admin.createEnrolmentCode({ kioskId: 'Bad Kiosk!' })).rejects.toThrow();
  });

  it('expires a code after its time to live (24 hours unless told otherwise)', async () => {
    const clock = movableClock();
    ({ server } = await startServer({ now: clock.now }));
    const short = await server.admin.createEnrolmentCode({ kioskId: 'kiosk-5', ttlMinutes: 10 });
    const standard = await server.admin.createEnrolmentCode({ kioskId: 'kiosk-6' });
    const lastMinute = await server.admin.createEnrolmentCode({ kioskId: 'kiosk-7' });
    clock.advance(11 * MINUTE);
    expect((await enrol(short, 'kiosk-5')).status).toBe(401);
    expect((await enrol(standard, 'kiosk-6')).status).toBe(201);
    clock.advance(24 * 60 * MINUTE - 11 * MINUTE - 1);
    expect((await enrol(lastMinute, 'kiosk-7')).status).toBe(201);
    const late = await server.admin.createEnrolmentCode({ kioskId: 'kiosk-8' });
    clock.advance(24 * 60 * MINUTE + 1);
    expect((await enrol(late, 'kiosk-8')).status).toBe(401);
    // Seed codes too: a day after the seed was loaded, they no longer work.
    expect((await enrol('ENROL-0001', 'kiosk-9')).status).toBe(401);
  });

  it('never takes over an enrolled kiosk without a code made to replace it', async () => {
    ({ server } = await startServer({ auth: 'required' }));
    const first = EnrolmentResponseSchema.parse((await enrol('ENROL-0001', 'kiosk-1')).body);

    // Any other unused code, for the kiosk already enrolled: refused, and its credential stays.
    const takeover = await enrol('ENROL-0002', 'kiosk-1');
    expect(takeover.status).toBe(409);
    expect(errorCode(takeover)).toBe('conflict');
    expect(takeover.body).toMatchObject({
      error: { message: expect.stringMatching(/kiosk-1 is already enrolled.*replace/) },
    });
    const bound = await server.admin.createEnrolmentCode({ kioskId: 'kiosk-1' });
    expect((await enrol(bound, 'kiosk-1')).status).toBe(409);
    expect(await siteInfoWith(first.credential)).toBe(200);
    // The refused code was not spent: it still enrols a new kiosk.
    expect((await enrol('ENROL-0002', 'kiosk-2')).status).toBe(201);

    // IT issues a code that says "replace kiosk-1": that one revokes the old credential.
    const replace = await server.admin.createEnrolmentCode({ kioskId: 'kiosk-1', replace: true });
    expect((await enrol(replace, 'kiosk-3')).status).toBe(401);
    const second = EnrolmentResponseSchema.parse((await enrol(replace, 'kiosk-1')).body);
    expect(await siteInfoWith(first.credential)).toBe(401);
    expect(await siteInfoWith(second.credential)).toBe(200);
    await expect(
      server.admin.createEnrolmentCode({ kioskId: '', replace: true }),
    ).rejects.toThrow();
  });

  it('throttles failed attempts per client address: 10 a minute, then 429', async () => {
    const clock = movableClock();
    ({ server } = await startServer({ now: clock.now }));
    for (let i = 0; i < 10; i += 1) {
      const wrong = await enrolFrom('127.0.0.1', `WRONG-${1000 + i}`, 'kiosk-1');
      expect(wrong.status).toBe(401);
    }
    const throttled = await enrolFrom('127.0.0.1', 'WRONG-2000', 'kiosk-1');
    expect(throttled.status).toBe(429);
    expect(rawErrorCode(throttled)).toBe('rate-limited');
    const retryAfter = Number(throttled.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Even the right code waits: guessing must not go on.
    expect((await enrolFrom('127.0.0.1', 'ENROL-0001', 'kiosk-1')).status).toBe(429);
    // Another client is not held up by it.
    expect((await enrolFrom('127.0.0.2', 'ENROL-0001', 'kiosk-1')).status).toBe(201);
    clock.advance(61_000);
    expect((await enrolFrom('127.0.0.1', 'ENROL-0002', 'kiosk-2')).status).toBe(201);
  });

  it('accepts seed codes bound to a kiosk, with their own time to live and replace flag', async () => {
    const clock = movableClock();
    ({ server } = await startServer({
      now: clock.now,
      auth: 'required',
      seed: parseSeed(
        seedDocument({
          enrolmentCodes: [
            'ENROL-0001',
            { code: 'ENROL-K1-REPLACE', kioskId: 'kiosk-1', replace: true, ttlMinutes: 2880 },
          ],
        }),
      ),
    }));
    const first = EnrolmentResponseSchema.parse((await enrol('ENROL-0001', 'kiosk-1')).body);
    clock.advance(36 * 60 * MINUTE);
    const second = await enrol('ENROL-K1-REPLACE', 'kiosk-1');
    expect(second.status).toBe(201);
    expect(await siteInfoWith(first.credential)).toBe(401);
    expect(() =>
      parseSeed(seedDocument({ enrolmentCodes: [{ code: 'ENROL-X-0001', replace: true }] })),
    ).toThrow(SeedError);
    expect(() =>
      parseSeed(seedDocument({ enrolmentCodes: ['ENROL-0001', { code: 'ENROL-0001' }] })),
    ).toThrow(/duplicate enrolment code/);
  });
});
