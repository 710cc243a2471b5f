/**
 * The administered lobby screens: their storage on every dialect (SQLite always, PostgreSQL when
 * TURNERO_TEST_POSTGRES_URL is set), and over real HTTP on this run's database
 * (server-databases.ts): administrators only, validated, audited old → new; `/lobby?screen=ID`
 * and its feed with THAT screen's options, recording when it was last seen (injected clock); a
 * change ending that screen's stream and no other; an unknown id answered 404 while its stream
 * stays open, and ended when the screen is added; the supervisor's devices panel.
 */
import { describe, expect, it } from 'vitest';
import { LobbyOptionsSchema, LobbySnapshotSchema } from '../../src-shared/contract/lobby';
import { SupervisorViewSchema } from '../../src-shared/contract/office';
import { ScreensViewSchema } from '../../src-shared/contract/office-screens';
import { apiPaths } from '../../src-shared/contract/townhall-api';
import type { TurneroServer } from '../../server/server';
import { openServerStore } from '../../server/store/store';
import { freshDatabases, testDialects } from './server-databases';
import { movableClock, NOW, openStream, request, serversClosedAfterEach, SITE } from './server-kit';
import { errorOf, StaffClient } from './staff-kit';

const openDatabase = freshDatabases();
const startServer = serversClosedAfterEach();
const PASSWORD = 'una-contraseña-larga';
const SCREENS = '/office/api/admin/screens';

const quietOptions = LobbyOptionsSchema.parse({
  orientation: 'portrait',
  highContrast: true,
  chime: false,
  volume: 0.35,
  speakTicketLanguage: false,
  recentCount: 3,
  quietHours: { tue: ['09:30-11:00', '20:00-24:00'], wed: ['00:00-07:00'] },
});

describe.each(testDialects)('the screens repository on %s', (dialect) => {
  it('keeps screens with their options, per site, with unique ids and a last-seen time', async () => {
    const store = await openServerStore({ db: await openDatabase(dialect), dialect });
    expect(
      await store.screens.insert(
        { id: 'entrada', siteId: SITE, name: 'Entrada', options: quietOptions },
        NOW,
      ),
    ).toBe(true);
    const defaults = LobbyOptionsSchema.parse({});
    await store.screens.insert(
      { id: 'sala-2', siteId: SITE, name: 'Sala 2', options: defaults },
      NOW,
    );
    // An id is the server's: another site cannot take it.
    expect(
      await store.screens.insert(
        { id: 'entrada', siteId: 'other-site', name: 'Otra', options: defaults },
        NOW,
      ),
    ).toBe(false);

    expect(await store.screens.byId('entrada')).toEqual({
      id: 'entrada',
      siteId: SITE,
      name: 'Entrada',
      options: quietOptions,
      lastSeenMs: null,
    });
    expect((await store.screens.ofSite(SITE)).map((screen) => screen.id)).toEqual([
      'entrada',
      'sala-2',
    ]);
    expect(await store.screens.ofSite('other-site')).toEqual([]);

    await store.screens.markSeen('entrada', new Date(NOW.getTime() + 5_000));
    expect((await store.screens.byId('entrada'))?.lastSeenMs).toBe(NOW.getTime() + 5_000);

    expect(await store.screens.update(SITE, 'sala-2', 'Sala dos', quietOptions)).toBe(true);
    expect(await store.screens.byId('sala-2')).toMatchObject({
      name: 'Sala dos',
      options: quietOptions,
    });
    expect(await store.screens.update('other-site', 'sala-2', 'X', defaults)).toBe(false);
    expect(await store.screens.remove('other-site', 'sala-2')).toBe(false);
    expect(await store.screens.remove(SITE, 'sala-2')).toBe(true);
    expect(await store.screens.byId('sala-2')).toBeUndefined();
  });
});

async function signedIn(server: TurneroServer, role: 'desk' | 'supervisor' | 'admin') {
  await server.staff.createAccount({ username: role, role, password: PASSWORD });
  const client = new StaffClient(server);
  expect((await client.signIn(role, PASSWORD)).status).toBe(200);
  return client;
}

const screenSnapshot = async (server: TurneroServer, id: string) => {
  const answer = await request(server, 'GET', `/lobby/screen/${id}/snapshot`);
  return { status: answer.status, body: answer.body };
};

describe('screens over HTTP', () => {
  it('are kept by administrators only', async () => {
    const { server } = await startServer();
    for (const role of ['desk', 'supervisor'] as const) {
      const client = await signedIn(server, role);
      const list = await client.send('GET', SCREENS);
      expect([list.status, errorOf(list)]).toEqual([403, 'forbidden']);
      const add = await client.send('POST', SCREENS, { id: 'x', name: 'X', options: {} });
      expect([add.status, errorOf(add)]).toEqual([403, 'forbidden']);
    }
    expect((await new StaffClient(server).send('GET', SCREENS)).status).toBe(401);
    const admin = await signedIn(server, 'admin');
    expect(ScreensViewSchema.parse((await admin.send('GET', SCREENS)).body).screens).toEqual([]);
  });

  it('feed a TV its own options from /lobby?screen=ID and record when it was last seen', async () => {
    const clock = movableClock();
    const { server } = await startServer({ now: clock.now });
    const admin = await signedIn(server, 'admin');
    const added = await admin.send('POST', SCREENS, {
      id: 'entrada',
      name: 'Entrada',
      options: quietOptions,
    });
    expect(added.status).toBe(200);
    expect(ScreensViewSchema.parse(added.body)).toEqual({
      siteId: SITE,
      screens: [{ id: 'entrada', name: 'Entrada', options: quietOptions, lastSeenAt: null }],
    });

    const redirect = await fetch(`${server.url}/lobby?screen=entrada`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe(
      `/lobby/lobby.html?feed=${encodeURIComponent('/lobby/screen/entrada')}`,
    );
    // Without an id, the query still gives a TV its options, as before.
    const byQuery = await request(server, 'GET', `/lobby/feed/${SITE}/snapshot?highContrast=1`);
    expect(LobbySnapshotSchema.parse(byQuery.body).options.highContrast).toBe(true);

    clock.advance(60_000);
    const read = await screenSnapshot(server, 'entrada');
    expect(read.status).toBe(200);
    const snapshot = LobbySnapshotSchema.parse(read.body);
    expect(snapshot.options).toEqual(quietOptions);
    expect(snapshot.serverTime).toBe(clock.now().toISOString());
    const seen = ScreensViewSchema.parse((await admin.send('GET', SCREENS)).body).screens[0];
    expect(seen?.lastSeenAt).toBe(clock.now().toISOString());

    // Opening the event stream counts as seen too.
    clock.advance(60_000);
    const stream = openStream(server, '/lobby/screen/entrada/events');
    await stream.ready;
    const supervisor = await signedIn(server, 'supervisor');
    await expect
      .poll(
        async () =>
          SupervisorViewSchema.parse((await supervisor.send('GET', '/office/api/supervisor')).body)
            .screens,
      )
      .toEqual([{ screenId: 'entrada', name: 'Entrada', lastSeenAt: clock.now().toISOString() }]);
    stream.close();
  });

  it('carry the site’s calls on a screen’s stream; a change ends that screen’s stream only', async () => {
    const { server } = await startServer();
    const admin = await signedIn(server, 'admin');
    for (const [id, name] of [
      ['entrada', 'Entrada'],
      ['planta-1', 'Planta 1'],
    ]) {
      const added = await admin.send('POST', SCREENS, { id, name, options: quietOptions });
      expect(added.status).toBe(200);
    }
    const entrada = openStream(server, '/lobby/screen/entrada/events');
    const planta = openStream(server, '/lobby/screen/planta-1/events');
    const site = openStream(server, `/lobby/feed/${SITE}/events`);
    await Promise.all([entrada.ready, planta.ready, site.ready]);
    expect(server.admin.openStreams()).toBe(3);

    const walkIn = await request(
      server,
      'POST',
      apiPaths.walkIns(SITE),
      {
        ticketId: '00000000-0000-4000-8000-000000000001',
        serviceId: 'empadronamiento',
        kioskId: 'kiosk-1',
        ticketNumber: 'E-001',
        issuedAt: NOW.toISOString(),
      },
      { 'idempotency-key': '00000000-0000-4000-8000-000000000001' },
    );
    expect(walkIn.status).toBe(201);
    const called = await request(server, 'POST', apiPaths.callNext(SITE), { desk: 'Mesa 1' });
    expect(called.status).toBe(200);
    await entrada.waitFor(1);
    expect(JSON.parse(entrada.events[0]?.data ?? '{}')).toMatchObject({
      type: 'call',
      call: { ticketNumber: 'E-001', desk: 'Mesa 1' },
    });

    const louder = {
      ...quietOptions,
      volume: 1,
      quietHours: { ...quietOptions.quietHours, tue: [] },
    };
    const saved = await admin.send('POST', `${SCREENS}/entrada`, {
      name: 'Entrada',
      options: louder,
    });
    expect(saved.status).toBe(200);
    await expect.poll(() => server.admin.openStreams()).toBe(2);
    expect(
      LobbySnapshotSchema.parse((await screenSnapshot(server, 'entrada')).body).options,
    ).toEqual(louder);
    const [entry] = await server.staff.auditLog(1);
    expect(entry).toMatchObject({ action: 'screen-update', username: 'admin', siteId: SITE });
    expect(entry?.detail).toEqual({
      screen: 'entrada',
      changes: [
        'volume: 0.35 → 1',
        `quietHours: ${JSON.stringify(quietOptions.quietHours)} → ${JSON.stringify(louder.quietHours)}`,
      ],
    });

    // Saving the same again changes nothing, audits nothing and ends no stream.
    await admin.send('POST', `${SCREENS}/entrada`, { name: 'Entrada', options: louder });
    expect((await server.staff.auditLog(1))[0]?.action).toBe('screen-update');
    expect(server.admin.openStreams()).toBe(2);
    expect(
      (await server.staff.auditLog()).filter((e) => e.action === 'screen-update'),
    ).toHaveLength(1);

    const removed = await admin.send('POST', `${SCREENS}/planta-1/remove`, {});
    expect(ScreensViewSchema.parse(removed.body).screens.map((screen) => screen.id)).toEqual([
      'entrada',
    ]);
    await expect.poll(() => server.admin.openStreams()).toBe(1);
    expect((await screenSnapshot(server, 'planta-1')).status).toBe(404);
    expect((await server.staff.auditLog(1))[0]).toMatchObject({
      action: 'screen-remove',
      detail: { screen: 'planta-1', name: 'Planta 1' },
    });
    for (const stream of [entrada, planta, site]) stream.close();
  });

  it('answer an unknown id 404 but keep its stream, which ends when the screen is added', async () => {
    const { server } = await startServer();
    const unknown = await screenSnapshot(server, 'sala-espera');
    expect(unknown.status).toBe(404);
    expect((unknown.body as { error: { code: string } }).error.code).toBe('not-found');
    expect((await screenSnapshot(server, 'Not%20A%20Slug')).status).toBe(404);
    const waiting = openStream(server, '/lobby/screen/sala-espera/events');
    await waiting.ready;
    expect(server.admin.openStreams()).toBe(1);

    const admin = await signedIn(server, 'admin');
    await admin.send('POST', SCREENS, { id: 'sala-espera', name: 'Sala', options: {} });
    await expect.poll(() => server.admin.openStreams()).toBe(0);
    expect((await screenSnapshot(server, 'sala-espera')).status).toBe(200);
    waiting.close();
  });

  it('refuses a bad or taken id and bad options, and changes nothing', async () => {
    const { server } = await startServer();
    const admin = await signedIn(server, 'admin');
    expect(
      (await admin.send('POST', SCREENS, { id: 'hall', name: 'Hall', options: {} })).status,
    ).toBe(200);
    const taken = await admin.send('POST', SCREENS, { id: 'hall', name: 'Otro', options: {} });
    expect([taken.status, errorOf(taken)]).toEqual([409, 'conflict']);
    for (const body of [
      { id: 'Hall!', name: 'Hall', options: {} },
      { id: '-hall', name: 'Hall', options: {} },
      { id: 'x'.repeat(33), name: 'Hall', options: {} },
      { id: 'sala', name: '  ', options: {} },
      { id: 'sala', name: 'Sala', options: { volume: 1.5 } },
      { id: 'sala', name: 'Sala', options: { recentCount: 13 } },
      { id: 'sala', name: 'Sala', options: { quietHours: { mon: ['16:00-14:00'] } } },
      { id: 'sala', name: 'Sala', options: { quietHours: { mon: ['8:00-9:00'] } } },
    ]) {
      const refused = await admin.send('POST', SCREENS, body);
      expect([refused.status, errorOf(refused)]).toEqual([400, 'bad-request']);
    }
    const edit = await admin.send('POST', `${SCREENS}/nope`, { name: 'Nope', options: {} });
    expect([edit.status, errorOf(edit)]).toEqual([404, 'not-found']);
    const list = ScreensViewSchema.parse((await admin.send('GET', SCREENS)).body);
    expect(list.screens.map((screen) => [screen.id, screen.name])).toEqual([['hall', 'Hall']]);
    const audited = (await server.staff.auditLog()).filter((e) => e.action.startsWith('screen-'));
    expect(audited.map((entry) => entry.action)).toEqual(['screen-create']);
  });
});
