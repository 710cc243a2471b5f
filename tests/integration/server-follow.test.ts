/**
 * The public follow page's data through the real server (SQLite, or PostgreSQL on a
 * `test:server-postgres` run): a ticket's state by its follow token while it waits and once
 * called, a "moved" event after each call, a "finished" one at once after a desk's finish or
 * no-show, one identical 404 for every token that opens nothing
 * (unknown, malformed, a ticket number, another day, finished long ago), and the rate limit.
 */
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { followPaths, type FollowState } from '../../src-shared/contract/follow';
import { apiPaths } from '../../src-shared/contract/townhall-api';
import { FINISHED_VISIBLE_MS } from '../../server/follow-feed';
import { serverTestDialect } from './server-databases';
import { fakeBuiltRenderer } from '../support/built-renderer';
import {
  movableClock,
  NOW,
  openStream,
  postTicket,
  request,
  serversClosedAfterEach,
  SITE,
  walkIn,
} from './server-kit';
import { StaffClient } from './staff-kit';

const startServer = serversClosedAfterEach();
const DESK_PASSWORD = 'una-contraseña-larga';
const token = () => randomBytes(18).toString('base64url');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toISOString();

async function issue(server: { url: string }, number: string, minutes: number): Promise<string> {
  const followToken = token();
  const answer = await postTicket(
    server as never,
    apiPaths.walkIns(SITE),
    walkIn({ ticketNumber: number, issuedAt: at(minutes), followToken }),
  );
  expect(answer.status).toBe(201);
  return followToken;
}

const stateOf = async (server: { url: string }, followToken: string) =>
  request(server as never, 'GET', followPaths.state(followToken));

describe('the follow page’s data', () => {
  it('follows a ticket from waiting to called, with an event after each call', async () => {
    const { server } = await startServer({ waitEstimate: { coldStartMinutes: 7 } });
    await issue(server, 'E-101', -30);
    await issue(server, 'E-102', -20);
    const mine = await issue(server, 'E-103', -10);
    const waiting = await stateOf(server, mine);
    expect(waiting.status).toBe(200);
    expect(waiting.headers.get('cache-control')).toBe('no-store');
    expect(waiting.body).toEqual({
      ticketNumber: 'E-103',
      serviceNames: { es: 'Empadronamiento' },
      status: 'waiting',
      peopleAhead: 2,
      estimatedWaitMinutes: 14,
      serverTime: NOW.toISOString(),
    } satisfies FollowState);

    const stream = openStream(server, followPaths.events(mine));
    expect((await stream.ready).statusCode).toBe(200);
    const callNext = () => request(server, 'POST', apiPaths.callNext(SITE), { desk: 'Mesa 2' });
    expect((await callNext()).status).toBe(200);
    await stream.waitFor(1);
    expect(JSON.parse(stream.events[0]?.data ?? '')).toEqual({ type: 'moved' });
    expect((await stateOf(server, mine)).body).toMatchObject({ peopleAhead: 1 });
    await callNext();
    await callNext();
    await stream.waitFor(3);
    const called = (await stateOf(server, mine)).body as FollowState;
    expect(called).toMatchObject({ status: 'called', desk: 'Mesa 2', ticketNumber: 'E-103' });
    expect(called.peopleAhead).toBeUndefined();
    stream.close();
  });

  it('pushes a desk’s finish and no-show at once, as a call is pushed', async () => {
    const { server } = await startServer();
    const served = await issue(server, 'E-201', -20);
    const absent = await issue(server, 'E-202', -10);
    await server.staff.createAccount({ username: 'mesa', role: 'desk', password: DESK_PASSWORD });
    const desk = new StaffClient(server);
    expect((await desk.signIn('mesa', DESK_PASSWORD)).status).toBe(200);
    const act = async (path: string, body: object = {}) =>
      expect(
        (await desk.send('POST', `/office/api/desk/${path}`, { site: SITE, ...body })).status,
      ).toBe(200);
    await act('open', { desk: 'Mesa 1', serviceIds: ['empadronamiento'] });
    await act('call-next');
    const stream = openStream(server, followPaths.events(served));
    await stream.ready;

    await act('finish');
    await stream.waitFor(1);
    expect(JSON.parse(stream.events[0]?.data ?? '')).toEqual({ type: 'finished' });
    expect((await stateOf(server, served)).body).toMatchObject({ status: 'finished' });

    await act('call-next');
    await stream.waitFor(2);
    expect(JSON.parse(stream.events[1]?.data ?? '')).toEqual({ type: 'moved' });
    await act('no-show');
    await stream.waitFor(3);
    expect(JSON.parse(stream.events[2]?.data ?? '')).toEqual({ type: 'finished' });
    expect((await stateOf(server, absent)).body).toMatchObject({
      status: 'finished',
      ticketNumber: 'E-202',
    });
    stream.close();
  });

  it('answers every token that opens nothing with the same 404, and never by number', async () => {
    const clock = movableClock();
    const { server, dbFile } = await startServer({ now: clock.now });
    const mine = await issue(server, 'E-101', 0);
    const finished = await issue(server, 'E-102', 0);
    const answers = [
      await stateOf(server, token()),
      await stateOf(server, 'E-101'),
      await stateOf(server, 'not a token at all'),
      await request(server, 'GET', followPaths.events(token())),
    ];
    if (serverTestDialect === 'sqlite') {
      // Finished (by a desk) longer ago than a finished page stays.
      const db = new Database(dbFile);
      db.prepare(
        `UPDATE tickets SET called_at_ms = ?, finished_at_ms = ?, outcome = 'served'
         WHERE follow_token = ?`,
      ).run(NOW.getTime() - 3_600_000, NOW.getTime() - FINISHED_VISIBLE_MS - 1, finished);
      db.close();
      answers.push(await stateOf(server, finished));
    }
    clock.advance(24 * 3_600_000);
    answers.push(await stateOf(server, mine));
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({
        error: { code: 'not-found', message: 'no ticket to follow here' },
      });
    }
  });

  it('keeps its streams apart from the lobby’s and the API’s caps', async () => {
    const { server } = await startServer({ maxStreamsPerClient: 2, maxFollowStreamsPerClient: 3 });
    const mine = await issue(server, 'E-101', 0);
    const phones = Array.from({ length: 4 }, () => openStream(server, followPaths.events(mine)));
    const statuses = await Promise.all(phones.map(async (phone) => (await phone.ready).statusCode));
    expect(statuses.sort()).toEqual([200, 200, 200, 503]);
    // The same client's screens still get their streams.
    const screen = openStream(server, apiPaths.calledTurnsStream(SITE));
    expect((await screen.ready).statusCode).toBe(200);
    for (const stream of [...phones, screen]) stream.close();
  });

  it('limits how often one client may ask', async () => {
    const { server } = await startServer({ followRequestsPerMinute: 5 });
    const mine = await issue(server, 'E-101', 0);
    for (let i = 0; i < 5; i += 1) expect((await stateOf(server, mine)).status).toBe(200);
    const refused = await stateOf(server, token());
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ error: { code: 'rate-limited' } });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // The kiosks' API is not held back by it.
    expect((await request(server, 'GET', apiPaths.siteInfo(SITE))).status).toBe(200);
  });

  it('serves the built page for any token, with its strict policy and no index', async () => {
    const { server } = await startServer({ lobbyPageDir: fakeBuiltRenderer('follow') });
    const answer = await fetch(server.url + followPaths.page(token()));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
    expect(answer.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    const html = await answer.text();
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect((await fetch(`${server.url}/t/${script}`)).status).toBe(200);
  });
});
