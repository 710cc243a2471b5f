import { describe, expect, it } from 'vitest';
import {
  LobbyEventSchema,
  LobbySnapshotSchema,
  type LobbyEvent,
} from '../../src-shared/contract/lobby';
import { apiPaths } from '../../src-shared/contract/townhall-api';
import {
  checkIn,
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

const eventOf = (event: SseEvent): LobbyEvent =>
  LobbyEventSchema.parse(JSON.parse(event.data ?? ''));

async function issue(server: Parameters<typeof postTicket>[0], ...numbers: string[]) {
  for (const ticketNumber of numbers) {
    const serviceId = ticketNumber.startsWith('R') ? 'registro' : 'empadronamiento';
    expect(
      (await postTicket(server, apiPaths.walkIns(SITE), walkIn({ ticketNumber, serviceId })))
        .status,
    ).toBe(201);
  }
}

describe('reference Town Hall API: the lobby feed', () => {
  it('answers a snapshot of the calls, the waiting counts per service and the options', async () => {
    const { server } = await startServer();
    await issue(server, 'E-101', 'E-102', 'R-101');
    await server.admin.callNext('Mesa 2', { serviceIds: ['empadronamiento'] });

    const answer = await request(
      server,
      'GET',
      `${apiPaths.lobbySnapshot(SITE)}?volume=0.5&chime=0`,
    );
    expect(answer.status).toBe(200);
    const snapshot = LobbySnapshotSchema.parse(answer.body);
    expect(snapshot).toMatchObject({
      siteName: 'Ayuntamiento de Prueba',
      timeZone: 'Europe/Madrid',
      serverTime: NOW.toISOString(),
      notice: null,
    });
    expect(snapshot.calls).toEqual([
      {
        id: 'turn-1',
        ticketNumber: 'E-101',
        desk: 'Mesa 2',
        serviceId: 'empadronamiento',
        serviceNames: { es: 'Empadronamiento' },
        calledAt: NOW.toISOString(),
        repeat: false,
      },
    ]);
    expect(snapshot.waiting.map(({ serviceId, count }) => [serviceId, count])).toEqual([
      ['empadronamiento', 1],
      ['registro', 1],
      ['padron', 0],
    ]);
    expect(snapshot.options).toMatchObject({ volume: 0.5, chime: false, highContrast: false });

    const invalid = await request(server, 'GET', `${apiPaths.lobbySnapshot(SITE)}?volume=2`);
    expect(invalid.status).toBe(400);
    expect(errorCode(invalid)).toBe('bad-request');
  });

  it('streams each call with the waiting counts after it, and replays after Last-Event-ID', async () => {
    const { server } = await startServer();
    await issue(server, 'E-101', 'E-102', 'E-103');
    const stream = openStream(server, apiPaths.lobbyEvents(SITE));
    const response = await stream.ready;
    expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(server.admin.openStreams()).toBe(1);

    await server.admin.callNext('Mesa 1');
    await server.admin.callNext('Mesa 2');
    await stream.waitFor(2);
    expect(stream.events.map((event) => [event.id, event.event])).toEqual([
      ['1', undefined],
      ['2', undefined],
    ]);
    const [first, second] = stream.events.map(eventOf);
    expect(first).toMatchObject({ type: 'call', call: { ticketNumber: 'E-101', desk: 'Mesa 1' } });
    expect(second).toMatchObject({ type: 'call', call: { ticketNumber: 'E-102', desk: 'Mesa 2' } });
    const waitingAfter = (event: LobbyEvent | undefined) =>
      event?.type === 'call'
        ? event.waiting?.find((count) => count.serviceId === 'empadronamiento')?.count
        : -1;
    expect([waitingAfter(first), waitingAfter(second)]).toEqual([2, 1]);
    stream.close();

    const resumed = openStream(server, apiPaths.lobbyEvents(SITE), {
      headers: { 'Last-Event-ID': '1' },
    });
    await resumed.ready;
    await resumed.waitFor(1);
    expect(resumed.events.map((event) => [event.id, eventOf(event).type])).toEqual([['2', 'call']]);
    await server.admin.callNext('Mesa 1');
    await resumed.waitFor(2);
    expect(eventOf(resumed.events[1] as SseEvent)).toMatchObject({
      call: { ticketNumber: 'E-103' },
    });
    resumed.close();
  });

  it("carries each ticket's language to its call, in the snapshot, the stream and its replay", async () => {
    const { server } = await startServer();
    // An older kiosk reports no language (E-102): its call has none, and only Spanish is spoken.
    const walkIns = [
      walkIn({ ticketNumber: 'E-101', language: 'fr' }),
      walkIn({ ticketNumber: 'E-102' }),
    ];
    for (const ticket of walkIns)
      expect((await postTicket(server, apiPaths.walkIns(SITE), ticket)).status).toBe(201);
    const german = checkIn('apt-aaa001', { ticketNumber: 'E-103', language: 'de' });
    expect((await postTicket(server, apiPaths.checkIns(SITE), german)).status).toBe(201);
    const stream = openStream(server, apiPaths.lobbyEvents(SITE));
    await stream.ready;
    for (const desk of ['Mesa 1', 'Mesa 2', 'Mesa 3']) await server.admin.callNext(desk);
    await stream.waitFor(3);

    // Whatever order the queue calls them in, each call has its own ticket's language.
    const languageOf = (call: { ticketNumber: string; ticketLanguage?: string }) => [
      call.ticketNumber,
      call.ticketLanguage ?? null,
    ];
    const byNumber = (pairs: (string | null)[][]) =>
      [...pairs].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    const expected = [
      ['E-101', 'fr'],
      ['E-102', null],
      ['E-103', 'de'],
    ];
    const streamed = stream.events.map(eventOf).map((event) => {
      if (event.type !== 'call') throw new Error(`expected a call, got ${event.type}`);
      return languageOf(event.call);
    });
    expect(byNumber(streamed)).toEqual(expected);
    stream.close();

    const snapshot = LobbySnapshotSchema.parse(
      (await request(server, 'GET', apiPaths.lobbySnapshot(SITE))).body,
    );
    expect(byNumber(snapshot.calls.map(languageOf))).toEqual(expected);

    const resumed = openStream(server, apiPaths.lobbyEvents(SITE), {
      headers: { 'Last-Event-ID': '0' },
    });
    await resumed.ready;
    await resumed.waitFor(3);
    expect(
      byNumber(
        resumed.events
          .map(eventOf)
          .map((event) => (event.type === 'call' ? languageOf(event.call) : [])),
      ),
    ).toEqual(expected);
    resumed.close();
  });

  it('refuses a ticket whose language is not one the kiosks speak, and records nothing', async () => {
    const { server } = await startServer();
    const answer = await postTicket(
      server,
      apiPaths.walkIns(SITE),
      walkIn({ ticketNumber: 'E-101', language: 'xx' }),
    );
    expect(answer.status).toBe(400);
    expect(await server.admin.walkIns()).toEqual([]);
  });

  it('needs a device credential when the server requires auth, for the snapshot and the events', async () => {
    const { server } = await startServer({ auth: 'required' });
    expect((await request(server, 'GET', apiPaths.lobbySnapshot(SITE))).status).toBe(401);
    const stream = openStream(server, apiPaths.lobbyEvents(SITE));
    expect((await stream.ready).statusCode).toBe(401);
    stream.close();
  });
});
