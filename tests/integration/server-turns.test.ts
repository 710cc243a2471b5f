import { describe, expect, it } from 'vitest';
import {
  apiPaths,
  CalledTurnSchema,
  CalledTurnsResponseSchema,
  EnrolmentResponseSchema,
  type CalledTurn,
} from '../../src-shared/contract/townhall-api';
import type { TurneroServer } from '../../server/server';
import {
  bearer,
  checkIn,
  CITIZEN_ID,
  errorCode,
  NOW,
  openStream,
  postTicket,
  request,
  serversClosedAfterEach,
  SITE,
  walkIn,
  type SseEvent,
} from './server-kit';

const startServer = serversClosedAfterEach();
let server: TurneroServer;

const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000).toISOString();

/** Walk-ins issued first, check-ins later: the call order must still put appointments first. */
async function fillQueue(): Promise<void> {
  const tickets: [string, { ticketId: string }][] = [
    [apiPaths.walkIns(SITE), walkIn({ ticketNumber: 'E-101', issuedAt: minutes(-30) })],
    [apiPaths.walkIns(SITE), walkIn({ ticketNumber: 'E-102', issuedAt: minutes(-20) })],
    [
      apiPaths.checkIns(SITE),
      checkIn('apt-aaa002', { ticketNumber: 'E-002', issuedAt: minutes(-5) }),
    ],
    [
      apiPaths.checkIns(SITE),
      checkIn('apt-aaa001', { ticketNumber: 'E-001', issuedAt: minutes(-10) }),
    ],
    [
      apiPaths.checkIns(SITE),
      checkIn('apt-aaa003', { ticketNumber: 'R-001', issuedAt: minutes(-1) }),
    ],
  ];
  for (const [path, ticket] of tickets) {
    expect((await postTicket(server, path, ticket)).status).toBe(201);
  }
}

const turnOf = (event: SseEvent): CalledTurn =>
  CalledTurnSchema.parse(JSON.parse(event.data ?? ''));

describe('reference Town Hall API: called turns', () => {
  it('calls check-ins whose appointment time has come first, then the rest by issue time', async () => {
    ({ server } = await startServer());
    await fillQueue();
    expect((await server.admin.waiting()).map((ticket) => ticket.ticketNumber)).toEqual([
      'E-001',
      'E-002',
      'R-001',
      'E-101',
      'E-102',
    ]);
    const calls: string[] = [];
    // Mesa 2 only handles registro.
    const registro = await request(server, 'POST', apiPaths.callNext(SITE), {
      desk: 'Mesa 2',
      serviceIds: ['registro'],
    });
    expect(registro.status).toBe(200);
    expect(CalledTurnSchema.parse(registro.body)).toEqual({
      ticketNumber: 'R-001',
      desk: 'Mesa 2',
      serviceId: 'registro',
      calledAt: NOW.toISOString(),
    });
    for (let i = 0; i < 4; i += 1) {
      const answer = await request(server, 'POST', apiPaths.callNext(SITE), { desk: 'Mesa 1' });
      calls.push(CalledTurnSchema.parse(answer.body).ticketNumber);
    }
    // E-001's appointment is at 10:00, now: it goes first. E-002's is at 10:10, not come yet:
    // it waits in issue order with the walk-ins (the office's call order, docs/office.md).
    expect(calls).toEqual(['E-001', 'E-101', 'E-102', 'E-002']);
    const empty = await request(server, 'POST', apiPaths.callNext(SITE), { desk: 'Mesa 1' });
    expect(empty.status).toBe(404);
    expect(errorCode(empty)).toBe('not-found');
    expect((await request(server, 'POST', apiPaths.callNext(SITE), {})).status).toBe(400);

    const recent = CalledTurnsResponseSchema.parse(
      (await request(server, 'GET', apiPaths.calledTurns(SITE))).body,
    );
    expect(recent.calledTurns.map((turn) => turn.ticketNumber)).toEqual([
      'E-002',
      'E-102',
      'E-101',
      'E-001',
      'R-001',
    ]);
  });

  it("refuses a desk that is not one of the site's: the screen would show and speak it", async () => {
    ({ server } = await startServer());
    await fillQueue();
    const answer = await request(server, 'POST', apiPaths.callNext(SITE), {
      desk: 'María García 12345678Z',
    });
    expect(answer.status).toBe(400);
    expect(errorCode(answer)).toBe('bad-request');
    expect(await server.admin.calledTurns()).toEqual([]);
  });

  it('replays the newest turns to a screen that missed many, so it ends on the latest', async () => {
    ({ server } = await startServer());
    for (let i = 1; i <= 120; i += 1) {
      await postTicket(server, apiPaths.walkIns(SITE), walkIn({ ticketNumber: `E-${100 + i}` }));
      await server.admin.callNext('Mesa 1');
    }
    const resumed = openStream(server, apiPaths.calledTurnsStream(SITE), {
      headers: { 'Last-Event-ID': '0' },
    });
    await resumed.ready;
    await resumed.waitFor(100);
    const numbers = resumed.events.map((event) => turnOf(event).ticketNumber);
    expect(numbers).toHaveLength(100);
    expect(numbers.at(-1)).toBe('E-220');
    expect(numbers[0]).toBe('E-121');
    resumed.close();
  });

  it('keeps only the last 20 called turns in the list', async () => {
    ({ server } = await startServer());
    for (let i = 1; i <= 25; i += 1) {
      const number = `E-${String(100 + i)}`;
      await postTicket(server, apiPaths.walkIns(SITE), walkIn({ ticketNumber: number }));
      await server.admin.callNext('Mesa 1');
    }
    const recent = CalledTurnsResponseSchema.parse(
      (await request(server, 'GET', apiPaths.calledTurns(SITE))).body,
    );
    expect(recent.calledTurns).toHaveLength(20);
    expect(recent.calledTurns[0]?.ticketNumber).toBe('E-125');
  });

  it('streams called turns as Server-Sent Events and resumes after Last-Event-ID', async () => {
    ({ server } = await startServer({ sseKeepAliveMs: 50 }));
    await fillQueue();
    const stream = openStream(server, apiPaths.calledTurnsStream(SITE));
    const response = await stream.ready;
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(server.admin.openStreams()).toBe(1);

    await server.admin.callNext('Mesa 1');
    await server.admin.callNext('Mesa 2');
    await stream.waitFor(2);
    expect(stream.events.map((event) => [event.id, event.event])).toEqual([
      ['1', 'called-turn'],
      ['2', 'called-turn'],
    ]);
    // E-001's appointment time has come; then the earliest issued (E-002's has not come).
    expect(stream.events.map(turnOf).map((turn) => [turn.ticketNumber, turn.desk])).toEqual([
      ['E-001', 'Mesa 1'],
      ['E-101', 'Mesa 2'],
    ]);
    await stream.waitFor(1, () => stream.comments.length);
    expect(stream.comments[0]).toBe(': keep-alive');

    // Disconnected after event 1: two turns are called meanwhile.
    stream.close();
    await expect.poll(() => server.admin.openStreams()).toBe(0);
    await server.admin.callNext('Mesa 1');
    await server.admin.callNext('Mesa 1');
    const resumed = openStream(server, apiPaths.calledTurnsStream(SITE), {
      headers: { 'Last-Event-ID': '1' },
    });
    await resumed.ready;
    await resumed.waitFor(3);
    expect(resumed.events.map((event) => event.id)).toEqual(['2', '3', '4']);
    await server.admin.callNext('Mesa 2');
    await resumed.waitFor(4);
    expect(turnOf(resumed.events[3] as SseEvent)).toMatchObject({
      ticketNumber: 'R-001',
      desk: 'Mesa 2',
    });
    resumed.close();
  });

  it('the stream needs a credential when auth is required', async () => {
    ({ server } = await startServer({ auth: 'required' }));
    const anonymous = openStream(server, apiPaths.calledTurnsStream(SITE));
    expect((await anonymous.ready).statusCode).toBe(401);
    anonymous.close();
    const { credential } = EnrolmentResponseSchema.parse(
      (
        await request(server, 'POST', apiPaths.enrol(SITE), {
          enrolmentCode: 'ENROL-0001',
          kioskId: 'screen-1',
        })
      ).body,
    );
    const stream = openStream(server, apiPaths.calledTurnsStream(SITE), {
      headers: bearer(credential),
    });
    expect((await stream.ready).statusCode).toBe(200);
    stream.close();
    // The information screen's own feed is public, like the screen.
    const screen = openStream(server, `/screen/stream?site=${SITE}`);
    expect((await screen.ready).statusCode).toBe(200);
    screen.close();
  });
});

describe('reference Town Hall API: staff pages and information screen', () => {
  it('sends /staff to the office app, whose data needs a staff sign-in', async () => {
    // The old server-rendered staff page (a form per desk, no sign-in) is gone: the desk app
    // (server/staff/, tests/integration/server-staff.test.ts) took its place.
    ({ server } = await startServer());
    await fillQueue();
    const staff = await fetch(`${server.url}/staff`, { redirect: 'manual' });
    expect(staff.status).toBe(302);
    expect(staff.headers.get('location')).toBe('/office/desk');
    const desk = await fetch(`${server.url}/office/api/desk`);
    expect(desk.status).toBe(401);
    const text = await desk.text();
    expect(JSON.parse(text)).toEqual({
      error: { code: 'signed-out', message: 'sign in first' },
    });
    expect(text).not.toContain('E-101');
    const post = await fetch(`${server.url}/staff/call-next`, { method: 'POST' });
    expect(post.status).toBe(404);
    expect(await server.admin.calledTurns()).toEqual([]);
  });

  it('serves the information screen with its script as a file, under a strict CSP', async () => {
    ({ server } = await startServer());
    await fillQueue();
    await server.admin.callNext('Mesa 2');
    const response = await fetch(`${server.url}/screen?site=${SITE}`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).toMatch(/connect-src 'self'/);
    expect(csp).not.toMatch(/unsafe/);
    const html = await response.text();
    expect(html).toContain('<script src="/screen.js" defer></script>');
    expect(html).not.toMatch(/<script>/);
    expect(html).toContain('E-001');
    expect(html).toContain('Mesa 2');
    expect(html).not.toContain(CITIZEN_ID);
    const script = await fetch(`${server.url}/screen.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const code = await script.text();
    expect(code).toContain("addEventListener('called-turn'");
    expect(code).not.toContain('innerHTML');
    expect((await fetch(`${server.url}/screen?site=nowhere`)).status).toBe(404);
  });
});
