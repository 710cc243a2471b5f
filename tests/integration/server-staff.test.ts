/**
 * The office API over real HTTP (a whole server on this run's database: server-databases.ts):
 * sign-in with its cookie and session rotation, the lockout (a clock moved by hand) and the
 * per-client rate limit, the CSRF token, the role guards, every desk action with its audit
 * entry and the lobby's repeat event, the staff CLI, and the Secure cookie behind a TLS proxy.
 */
import { describe, expect, it } from 'vitest';
import { LobbyEventSchema } from '../../src-shared/contract/lobby';
import { DeskViewSchema, SupervisorViewSchema } from '../../src-shared/contract/office';
import { OfficeStatisticsSchema } from '../../src-shared/contract/office-statistics';
import { apiPaths } from '../../src-shared/contract/townhall-api';
import { runStaffCommand } from '../../server/staff/staff-cli';
import type { TurneroServer } from '../../server/server';
import {
  checkIn,
  heartbeat,
  movableClock,
  NOW,
  openStream,
  postTicket,
  rawRequest,
  request,
  serversClosedAfterEach,
  SITE,
  tempDbFile,
  walkIn,
} from './server-kit';
import { errorOf, StaffClient } from './staff-kit';

const startServer = serversClosedAfterEach();
const PASSWORD = 'una-contraseña-larga';

async function withStaff(server: TurneroServer): Promise<void> {
  await server.staff.createAccount({ username: 'mesa', role: 'desk', password: PASSWORD });
  await server.staff.createAccount({ username: 'super', role: 'supervisor', password: PASSWORD });
  await server.staff.createAccount({ username: 'admin', role: 'admin', password: PASSWORD });
}

const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000).toISOString();

describe('office API: sign-in', () => {
  it('signs in with a new session id and a strict, HttpOnly cookie', async () => {
    const { server } = await startServer();
    await withStaff(server);
    const client = new StaffClient(server);
    const anonymous = await client.openSession();
    expect(anonymous.body).toMatchObject({ staff: null });
    const before = client.cookie;
    expect(before).toMatch(/^turnero_staff=/);
    expect(anonymous.setCookie[0]).toMatch(/; HttpOnly/);
    expect(anonymous.setCookie[0]).toMatch(/; SameSite=Strict/);
    expect(anonymous.setCookie[0]).not.toMatch(/Secure/);

    const wrong = await client.signIn('mesa', 'not the password');
    expect([wrong.status, errorOf(wrong)]).toEqual([401, 'bad-credentials']);
    const unknown = await client.signIn('nadie', PASSWORD);
    expect([unknown.status, errorOf(unknown)]).toEqual([401, 'bad-credentials']);
    const signedIn = await client.signIn('MESA', PASSWORD);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({ staff: { username: 'mesa', role: 'desk' } });
    expect(client.cookie).not.toBe(before);
    // The session planted before sign-in is worth nothing now.
    const planted = new StaffClient(server);
    planted.cookie = before;
    expect((await planted.send('GET', '/office/api/desk')).status).toBe(401);
    expect((await client.send('GET', '/office/api/desk')).status).toBe(200);

    expect((await client.send('POST', '/office/api/sign-out', {})).status).toBe(200);
    expect((await client.send('GET', '/office/api/desk')).status).toBe(401);
    const actions = (await server.staff.auditLog()).map((entry) => [entry.action, entry.username]);
    expect(actions.reverse()).toEqual([
      ['sign-in-failed', 'mesa'],
      ['sign-in-failed', 'nadie'],
      ['sign-in', 'mesa'],
      ['sign-out', 'mesa'],
    ]);
  });

  it('locks an account after repeated failures until the lock expires', async () => {
    const clock = movableClock();
    const { server } = await startServer({
      now: clock.now,
      staffSignIn: { maxFailures: 3, lockMs: 10 * 60_000 },
    });
    await withStaff(server);
    const client = new StaffClient(server);
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      expect(errorOf(await client.signIn('mesa', `wrong ${attempt}`))).toBe('bad-credentials');
    }
    const locked = await client.signIn('mesa', 'wrong 3');
    expect(locked.status).toBe(423);
    expect(locked.body).toEqual({
      error: { code: 'locked', message: 'account locked', retryAtMs: NOW.getTime() + 600_000 },
    });
    expect(errorOf(await client.signIn('mesa', PASSWORD))).toBe('locked');
    // Other accounts are not affected.
    expect((await new StaffClient(server).signIn('super', PASSWORD)).status).toBe(200);
    clock.advance(10 * 60_000);
    expect((await client.signIn('mesa', PASSWORD)).status).toBe(200);
  });

  it('rate limits sign-in attempts per client', async () => {
    const { server } = await startServer({ staffSignIn: { perClientPerMinute: 3 } });
    await withStaff(server);
    const client = new StaffClient(server);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(errorOf(await client.signIn('nadie', 'x'))).toBe('bad-credentials');
    }
    const limited = await client.signIn('mesa', PASSWORD);
    expect([limited.status, errorOf(limited)]).toEqual([429, 'rate-limited']);
  });

  it('refuses a post without the CSRF token, or from another origin', async () => {
    const { server } = await startServer();
    await withStaff(server);
    const client = new StaffClient(server);
    await client.signIn('mesa', PASSWORD);
    const token = client.csrfToken;
    client.csrfToken = '';
    const missing = await client.send('POST', '/office/api/desk/open', {
      site: SITE,
      desk: 'Mesa 1',
      serviceIds: ['registro'],
    });
    expect([missing.status, errorOf(missing)]).toEqual([403, 'csrf']);
    client.csrfToken = token;
    const crossSite = await client.send(
      'POST',
      '/office/api/desk/open',
      { site: SITE, desk: 'Mesa 1', serviceIds: ['registro'] },
      { origin: 'http://evil.example' },
    );
    expect([crossSite.status, errorOf(crossSite)]).toEqual([403, 'csrf']);
    const sameSite = await client.send(
      'POST',
      '/office/api/desk/open',
      { site: SITE, desk: 'Mesa 1', serviceIds: ['registro'] },
      { origin: server.url, 'sec-fetch-site': 'same-origin' },
    );
    expect(sameSite.status).toBe(200);
  });

  it('guards each page by role', async () => {
    const { server } = await startServer();
    await withStaff(server);
    await request(server, 'POST', apiPaths.heartbeat(SITE, 'kiosk-1'), heartbeat('kiosk-1'));
    const as = async (username: string) => {
      const client = new StaffClient(server);
      await client.signIn(username, PASSWORD);
      return client;
    };
    const desk = await as('mesa');
    const supervisor = await as('super');
    const admin = await as('admin');
    const anonymous = new StaffClient(server);
    const status = async (client: StaffClient, path: string) =>
      (await client.send('GET', path)).status;
    expect(await status(anonymous, '/office/api/desk')).toBe(401);
    expect(await status(desk, '/office/api/supervisor')).toBe(403);
    expect(await status(desk, '/office/api/admin/staff')).toBe(403);
    expect(await status(supervisor, '/office/api/admin/staff')).toBe(403);
    expect(await status(admin, '/office/api/admin/staff')).toBe(200);
    const view = SupervisorViewSchema.parse(
      (await supervisor.send('GET', '/office/api/supervisor')).body,
    );
    expect(view.devices).toEqual([
      expect.objectContaining({
        kioskId: 'kiosk-1',
        printerState: 'paper-near-end',
        outboxPending: 2,
      }),
    ]);
    // A disabled account's session ends at once.
    const accounts = (await admin.send('GET', '/office/api/admin/staff')).body as {
      accounts: { id: string; username: string }[];
    };
    const mesa = accounts.accounts.find((account) => account.username === 'mesa');
    expect(
      (await admin.send('POST', `/office/api/admin/staff/${mesa?.id}`, { disabled: true })).status,
    ).toBe(200);
    expect(await status(desk, '/office/api/desk')).toBe(401);
    expect(errorOf(await new StaffClient(server).signIn('mesa', PASSWORD))).toBe('bad-credentials');
    // An administrator cannot lock themselves out.
    const self = accounts.accounts.find((account) => account.username === 'admin');
    const refused = await admin.send('POST', `/office/api/admin/staff/${self?.id}`, {
      role: 'desk',
    });
    expect([refused.status, errorOf(refused)]).toEqual([409, 'conflict']);
  });
});

describe('office API: the desk', () => {
  it('lists a priority walk-in as such, before older walk-ins, and calls it first', async () => {
    const { server } = await startServer();
    await withStaff(server);
    await postTicket(
      server,
      apiPaths.walkIns(SITE),
      walkIn({ ticketNumber: 'E-101', issuedAt: minutes(-30) }),
    );
    await postTicket(
      server,
      apiPaths.walkIns(SITE),
      walkIn({ ticketNumber: 'E-102', issuedAt: minutes(-10), priority: true }),
    );
    const client = new StaffClient(server);
    await client.signIn('mesa', PASSWORD);
    const post = async (path: string, body: Record<string, unknown> = {}) =>
      client.send('POST', `/office/api/desk/${path}`, { site: SITE, ...body });
    const opened = DeskViewSchema.parse(
      (await post('open', { desk: 'Mesa 1', serviceIds: ['empadronamiento'] })).body,
    );
    expect(opened.waiting.map((ticket) => [ticket.ticketNumber, ticket.priority])).toEqual([
      ['E-102', true],
      ['E-101', false],
    ]);
    const called = DeskViewSchema.parse((await post('call-next')).body);
    expect(called.mine?.current?.ticketNumber).toBe('E-102');
  });

  it('calls next, again, marks a no-show, finishes, transfers and pauses, all audited', async () => {
    const { server } = await startServer();
    await withStaff(server);
    for (const [ticket, minutesAgo] of [
      ['E-101', -30],
      ['E-102', -20],
    ] as const) {
      await postTicket(
        server,
        apiPaths.walkIns(SITE),
        walkIn({ ticketNumber: ticket, issuedAt: minutes(minutesAgo) }),
      );
    }
    await postTicket(
      server,
      apiPaths.checkIns(SITE),
      checkIn('apt-aaa001', { ticketNumber: 'E-001', issuedAt: minutes(-5) }),
    );
    const lobby = openStream(server, `/lobby/feed/${SITE}/events`);
    await lobby.ready;
    const client = new StaffClient(server);
    await client.signIn('mesa', PASSWORD);
    const post = async (path: string, body: Record<string, unknown> = {}) =>
      client.send('POST', `/office/api/desk/${path}`, { site: SITE, ...body });

    expect(errorOf(await post('call-next'))).toBe('no-desk');
    const opened = DeskViewSchema.parse(
      (await post('open', { desk: 'Mesa 2', serviceIds: ['empadronamiento'] })).body,
    );
    expect(opened.mine).toMatchObject({ desk: 'Mesa 2', paused: false, current: null });
    expect(opened.waiting.map((ticket) => ticket.ticketNumber)).toEqual([
      'E-001',
      'E-101',
      'E-102',
    ]);

    const first = DeskViewSchema.parse((await post('call-next')).body);
    expect(first.mine?.current).toMatchObject({ ticketNumber: 'E-001', calls: 1 });
    const again = DeskViewSchema.parse((await post('call-again')).body);
    expect(again.mine?.current).toMatchObject({ ticketNumber: 'E-001', calls: 2 });
    expect(DeskViewSchema.parse((await post('no-show')).body).mine?.current).toBeNull();
    expect(errorOf(await post('finish'))).toBe('no-current-ticket');

    await post('call-next');
    // Calling next with a ticket still at the desk finishes it as served.
    const third = DeskViewSchema.parse((await post('call-next')).body);
    expect(third.mine?.current?.ticketNumber).toBe('E-102');
    const transferred = DeskViewSchema.parse(
      (await post('transfer', { serviceId: 'registro' })).body,
    );
    expect(transferred.mine?.current).toBeNull();
    // Mesa 2 serves empadronamiento only: the transferred ticket waits for registro.
    expect(transferred.waiting).toEqual([
      expect.objectContaining({ ticketNumber: 'E-102', serviceId: 'registro', transferred: true }),
    ]);
    expect(errorOf(await post('call-next'))).toBe('nobody-waiting');

    await post('pause', { paused: true });
    await postTicket(
      server,
      apiPaths.walkIns(SITE),
      walkIn({ ticketNumber: 'E-103', issuedAt: minutes(0) }),
    );
    const paused = await post('call-next');
    expect([paused.status, errorOf(paused)]).toEqual([409, 'conflict']);
    await post('pause', { paused: false });
    expect(DeskViewSchema.parse((await post('call-next')).body).mine?.current?.ticketNumber).toBe(
      'E-103',
    );
    await post('finish');

    await lobby.waitFor(5);
    const events = lobby.events.map((event) =>
      LobbyEventSchema.parse(JSON.parse(event.data ?? '')),
    );
    expect(
      events.map((event) =>
        event.type === 'snapshot' ? '' : [event.type, event.call.ticketNumber],
      ),
    ).toEqual([
      ['call', 'E-001'],
      ['repeat', 'E-001'],
      ['call', 'E-101'],
      ['call', 'E-102'],
      ['call', 'E-103'],
    ]);
    lobby.close();

    const log = (await server.staff.auditLog()).reverse();
    expect(log.map((entry) => [entry.action, entry.detail.ticketNumber ?? ''])).toEqual([
      ['sign-in', ''],
      ['desk-open', ''],
      ['call-next', 'E-001'],
      ['call-again', 'E-001'],
      ['no-show', 'E-001'],
      ['call-next', 'E-101'],
      ['finish', 'E-101'],
      ['call-next', 'E-102'],
      ['transfer', 'E-102'],
      ['desk-pause', ''],
      ['desk-resume', ''],
      ['call-next', 'E-103'],
      ['finish', 'E-103'],
    ]);
    for (const entry of log) {
      expect(entry).toMatchObject({ username: 'mesa', atMs: NOW.getTime() });
      // No citizen data: numbers, desks and services only.
      expect(JSON.stringify(entry.detail)).not.toMatch(/apt-|TRN-|12345678Z/);
    }
  });

  it('streams a change to the desk page when a kiosk issues a ticket', async () => {
    const { server } = await startServer();
    await withStaff(server);
    const client = new StaffClient(server);
    await client.signIn('mesa', PASSWORD);
    const events = openStream(server, `/office/api/events?site=${SITE}`, {
      headers: { cookie: client.cookie },
    });
    expect((await events.ready).statusCode).toBe(200);
    expect((await rawRequest(server, { path: `/office/api/events?site=${SITE}` })).status).toBe(
      401,
    );
    await postTicket(server, apiPaths.walkIns(SITE), walkIn({ ticketNumber: 'E-201' }));
    await events.waitFor(1);
    expect(JSON.parse(events.events[0]?.data ?? '')).toEqual({ type: 'changed' });
    events.close();
  });
});

describe('a staff browser on the public pages', () => {
  // Its session cookie makes the session's onSend hook asynchronous: every route must wait for
  // it (a route that did not answered twice, "headers already sent", outside any test's view).
  it('gets the lobby feed, the API and the follow page as anyone does', async () => {
    const { server } = await startServer();
    await withStaff(server);
    const admin = new StaffClient(server);
    await admin.signIn('admin', PASSWORD);
    for (const path of [
      `/lobby/feed/${SITE}/snapshot`,
      apiPaths.siteInfo(SITE),
      '/api/v1/health',
      '/t/AAAAAAAAAAAAAAAAAAAAAAAA/state',
    ]) {
      const answer = await admin.send('GET', path);
      expect([path, answer.status]).toEqual([path, path.startsWith('/t/') ? 404 : 200]);
    }
  });
});

describe('office statistics on the server', () => {
  it("count the desk's calls, no-shows and finishes, for supervisors only", async () => {
    const clock = movableClock(NOW);
    const { server } = await startServer({ now: clock.now });
    await withStaff(server);
    for (const [ticketNumber, minutesAgo] of [
      ['E-101', -30],
      ['E-102', -20],
    ] as const) {
      await postTicket(
        server,
        apiPaths.walkIns(SITE),
        walkIn({ ticketNumber, issuedAt: minutes(minutesAgo) }),
      );
    }
    const desk = new StaffClient(server);
    await desk.signIn('mesa', PASSWORD);
    const post = (path: string, body: Record<string, unknown> = {}) =>
      desk.send('POST', `/office/api/desk/${path}`, { site: SITE, ...body });
    const statuses = [
      await post('open', { desk: 'Mesa 2', serviceIds: ['empadronamiento'] }),
      await post('call-next'), // E-101, waited 30 minutes
      await post('no-show'),
      await post('call-next'), // E-102, waited 20 minutes
    ];
    clock.advance(7 * 60_000);
    statuses.push(await post('finish')); // served in 7 minutes
    expect(statuses.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);

    const day = NOW.toISOString().slice(0, 10);
    const path = `/office/api/statistics?site=${SITE}&from=${day}&to=${day}`;
    expect((await new StaffClient(server).send('GET', path)).status).toBe(401);
    expect((await desk.send('GET', path)).status).toBe(403);
    const supervisor = new StaffClient(server);
    await supervisor.signIn('super', PASSWORD);
    const answer = await supervisor.send('GET', path);
    expect(answer.status).toBe(200);
    const figures = OfficeStatisticsSchema.parse(answer.body);
    expect(figures.total).toMatchObject({ tickets: 2, walkIn: 2, noShows: 1, served: 1 });
    expect(figures.byDesk).toEqual([
      expect.objectContaining({ desk: 'Mesa 2', tickets: 2, served: 1, noShows: 1 }),
    ]);
    // Waits of 30 and 20 minutes; one service of 7 minutes.
    expect(figures.total).toMatchObject({
      waitP90Seconds: 30 * 60,
      serviceMedianSeconds: 7 * 60,
    });
    const csv = await supervisor.send('GET', path.replace('statistics?', 'statistics.csv?'));
    expect(csv.status).toBe(200);
    const rows = String(csv.body)
      .trim()
      .split('\r\n')
      .map((row) => row.split(';').map((field) => field.replace(/^"|"$/g, '')));
    expect(rows).toHaveLength(2);
    expect(rows[1]?.slice(0, 2)).toEqual([day, 'empadronamiento']);
    expect(rows[1]?.[3]).toBe('2');
  });
});

describe('office API: the office settings', () => {
  it('lets an administrator set the call order and the desks', async () => {
    const { server } = await startServer();
    await withStaff(server);
    await postTicket(
      server,
      apiPaths.walkIns(SITE),
      walkIn({ ticketNumber: 'E-101', issuedAt: minutes(-30) }),
    );
    await postTicket(
      server,
      apiPaths.checkIns(SITE),
      checkIn('apt-aaa001', { ticketNumber: 'E-001', issuedAt: minutes(-5) }),
    );
    const admin = new StaffClient(server);
    await admin.signIn('admin', PASSWORD);
    const desk = new StaffClient(server);
    await desk.signIn('mesa', PASSWORD);
    expect(
      (
        await desk.send('POST', '/office/api/admin/site', {
          site: SITE,
          callOrder: 'issue-order',
          desks: ['A'],
        })
      ).status,
    ).toBe(403);
    expect((await admin.send('GET', '/office/api/admin/site')).body).toEqual({
      siteId: SITE,
      callOrder: 'appointments-first',
      desks: ['Mesa 1', 'Mesa 2'],
    });
    const duplicate = await admin.send('POST', '/office/api/admin/site', {
      site: SITE,
      callOrder: 'issue-order',
      desks: ['A', 'A'],
    });
    expect([duplicate.status, errorOf(duplicate)]).toEqual([400, 'bad-request']);
    const saved = await admin.send('POST', '/office/api/admin/site', {
      site: SITE,
      callOrder: 'issue-order',
      desks: ['Mesa 1', ' Ventanilla 7 '],
    });
    expect(saved.body).toEqual({
      siteId: SITE,
      callOrder: 'issue-order',
      desks: ['Mesa 1', 'Ventanilla 7'],
    });
    // The desk app offers the new desk, and calls in issue order: E-101 was issued first, though
    // E-001's appointment time has come (it would go first in appointments-first).
    const view = DeskViewSchema.parse((await desk.send('GET', '/office/api/desk')).body);
    expect(view.desks).toEqual(['Mesa 1', 'Ventanilla 7']);
    await desk.send('POST', '/office/api/desk/open', {
      site: SITE,
      desk: 'Ventanilla 7',
      serviceIds: ['empadronamiento'],
    });
    const called = DeskViewSchema.parse(
      (await desk.send('POST', '/office/api/desk/call-next', { site: SITE })).body,
    );
    expect(called.mine?.current?.ticketNumber).toBe('E-101');
    expect((await server.staff.auditLog(1))[0]).toMatchObject({
      action: 'call-next',
      username: 'mesa',
    });
  });
});

describe('office: accounts and proxies', () => {
  it('makes, resets and disables accounts from the command line', async () => {
    const database = tempDbFile();
    const made = await runStaffCommand(
      ['add', 'luisa', '--role', 'supervisor', '--name', 'Luisa', '--database', database],
      {},
    );
    const password = /password: (\S+)$/.exec(made[0] ?? '')?.[1] ?? '';
    expect(password).toMatch(/^([a-z2-9]{4}-){3}[a-z2-9]{4}$/);
    await expect(
      runStaffCommand(['add', 'luisa', '--role', 'desk', '--database', database], {}),
    ).rejects.toThrow(/exists/);
    await expect(
      runStaffCommand(['add', 'pepe', '--role', 'jefe', '--database', database], {}),
    ).rejects.toThrow();
    const { server } = await startServer({ dbFile: database });
    expect((await new StaffClient(server).signIn('luisa', password)).status).toBe(200);
    const reset = await runStaffCommand(['reset-password', 'luisa', '--database', database], {
      TURNERO_STAFF_PASSWORD: 'otra-contraseña-nueva',
    });
    expect(reset).toEqual(['new password for luisa: otra-contraseña-nueva']);
    expect((await new StaffClient(server).signIn('luisa', password)).status).toBe(401);
    expect((await new StaffClient(server).signIn('luisa', 'otra-contraseña-nueva')).status).toBe(
      200,
    );
    await runStaffCommand(['disable', 'luisa', '--database', database], {});
    expect(await runStaffCommand(['list', '--database', database], {})).toEqual([
      'luisa\tsupervisor\tdisabled\tLuisa',
    ]);
  });

  it('sets a Secure cookie behind a trusted TLS proxy, and believes no one else', async () => {
    const { server } = await startServer({
      publicOrigin: 'https://turnero.ayto.example',
      trustProxy: '127.0.0.1',
    });
    await withStaff(server);
    const host = 'turnero.ayto.example';
    const viaProxy = await rawRequest(server, {
      path: '/office/api/session',
      headers: { host, 'x-forwarded-proto': 'https' },
    });
    expect(String(viaProxy.headers['set-cookie'])).toMatch(/; Secure/);
    // Not through https: a Secure cookie is not sent at all.
    const plain = await rawRequest(server, { path: '/office/api/session', headers: { host } });
    expect(plain.headers['set-cookie']).toBeUndefined();
    // The proxy's header is believed only from the proxy's address.
    const other = await rawRequest(server, {
      path: '/office/api/session',
      headers: { host, 'x-forwarded-proto': 'https' },
      localAddress: '127.0.0.2',
    });
    expect(other.headers['set-cookie']).toBeUndefined();
    await expect(startServer({ publicOrigin: 'https://turnero.ayto.example' })).rejects.toThrow(
      /--trust-proxy/,
    );
  });
});
