import { describe, expect, it } from 'vitest';
import type { LobbyConnection, LobbyEvent } from '../../src-shared/contract/lobby';
import { apiPaths } from '../../src-shared/contract/townhall-api';
import { createTurneroApiClient } from '../../src-main/backend/turnero-api/api-client';
import { postTicket, serversClosedAfterEach, SITE, walkIn } from './server-kit';

const startServer = serversClosedAfterEach();

describe('the kiosk’s client of the lobby feed, against the reference server', () => {
  it('reads the snapshot and follows calls as they are made, with the device credential', async () => {
    const { server } = await startServer({ auth: 'required' });
    const client = createTurneroApiClient({ baseUrl: server.url, siteId: SITE, timeoutMs: 5_000 });
    const { credential } = await client.enrol({ enrolmentCode: 'ENROL-0001', kioskId: 'kiosk-1' });
    const anonymous = createTurneroApiClient({
      baseUrl: server.url,
      siteId: SITE,
      timeoutMs: 5_000,
    });
    await expect(anonymous.lobbySnapshot()).rejects.toThrow();
    const kiosk = createTurneroApiClient({
      baseUrl: server.url,
      siteId: SITE,
      timeoutMs: 5_000,
      credential: () => credential,
    });
    for (const ticketNumber of ['E-101', 'E-102']) {
      const ticket = walkIn({ ticketNumber });
      const answer = await postTicket(server, apiPaths.walkIns(SITE), ticket, {
        authorization: `Bearer ${credential}`,
      });
      expect(answer.status).toBe(201);
    }
    expect((await kiosk.lobbySnapshot()).waiting[0]).toMatchObject({ count: 2 });

    const events: LobbyEvent[] = [];
    const connections: LobbyConnection[] = [];
    const stream = kiosk.followLobby({
      event: (event) => events.push(event),
      connection: (state) => connections.push(state),
    });
    try {
      await expect.poll(() => connections.at(-1)).toBe('open');
      await server.admin.callNext('Mesa 1');
      await expect.poll(() => events.length).toBe(1);
      expect(events[0]).toMatchObject({
        type: 'call',
        call: { ticketNumber: 'E-101', desk: 'Mesa 1', serviceNames: { es: 'Empadronamiento' } },
        waiting: [{ serviceId: 'empadronamiento', count: 1 }, {}, {}],
      });
      expect(connections).toEqual(['connecting', 'open']);
    } finally {
      stream.close();
    }
  });
});
