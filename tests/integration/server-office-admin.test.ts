/**
 * The administrator's office API over real HTTP (a whole server on this run's database:
 * server-databases.ts): the services a site offers, edited by an administrator only, validated,
 * audited old → new, and seen by a kiosk in the site info it pulls; the kiosk enrolment codes,
 * made for one kiosk, working once and not after they expire, listed while open, revoked, and
 * audited without the code; the lobby screens' notice, set and cleared by an administrator.
 */
import { describe, expect, it } from 'vitest';
import {
  CreatedEnrolmentCodeSchema,
  EnrolmentCodesViewSchema,
  LobbyNoticeViewSchema,
  ServicesViewSchema,
} from '../../src-shared/contract/office-admin';
import { LobbySnapshotSchema } from '../../src-shared/contract/lobby';
import { SiteInfoResponseSchema, apiPaths } from '../../src-shared/contract/townhall-api';
import type { TurneroServer } from '../../server/server';
import { movableClock, openStream, request, serversClosedAfterEach, SITE } from './server-kit';
import { errorOf, StaffClient } from './staff-kit';

const startServer = serversClosedAfterEach();
const PASSWORD = 'una-contraseña-larga';
const SERVICES = '/office/api/admin/services';

async function signedIn(server: TurneroServer, role: 'desk' | 'supervisor' | 'admin') {
  await server.staff.createAccount({ username: role, role, password: PASSWORD });
  const client = new StaffClient(server);
  expect((await client.signIn(role, PASSWORD)).status).toBe(200);
  return client;
}

const registroEdit = {
  site: SITE,
  names: { es: 'Registro', en: 'Registry', fr: 'Registre', de: 'Register' },
  prefix: 'G',
  dailyCap: 40,
  walkInsAllowed: false,
  checkInWindow: { minutesBefore: 20, minutesAfter: 5 },
};

const kioskServices = async (server: TurneroServer) =>
  SiteInfoResponseSchema.parse((await request(server, 'GET', apiPaths.siteInfo(SITE))).body)
    .services;

describe('office API: services', () => {
  it('is for administrators only', async () => {
    const { server } = await startServer();
    for (const role of ['desk', 'supervisor'] as const) {
      const client = await signedIn(server, role);
      const list = await client.send('GET', SERVICES);
      expect([list.status, errorOf(list)]).toEqual([403, 'forbidden']);
      const edit = await client.send('POST', `${SERVICES}/registro`, registroEdit);
      expect([edit.status, errorOf(edit)]).toEqual([403, 'forbidden']);
    }
    const anonymous = new StaffClient(server);
    expect((await anonymous.send('GET', SERVICES)).status).toBe(401);
    expect((await kioskServices(server)).find((s) => s.id === 'registro')?.prefix).toBe('R');
  });

  it('lists the services, changes one, audits old → new, and the kiosk sees it', async () => {
    const { server } = await startServer();
    const admin = await signedIn(server, 'admin');
    const listed = ServicesViewSchema.parse((await admin.send('GET', SERVICES)).body);
    expect(listed.siteId).toBe(SITE);
    expect(listed.services.map((service) => service.id)).toEqual([
      'empadronamiento',
      'registro',
      'padron',
    ]);

    const saved = await admin.send('POST', `${SERVICES}/registro`, registroEdit);
    expect(saved.status).toBe(200);
    const expected = {
      id: 'registro',
      names: registroEdit.names,
      prefix: 'G',
      dailyCap: 40,
      walkInsAllowed: false,
      checkInWindow: { minutesBefore: 20, minutesAfter: 5 },
    };
    expect(ServicesViewSchema.parse(saved.body).services[1]).toEqual(expected);
    // The site info a kiosk syncs: the same service, the others untouched, still in order.
    const services = await kioskServices(server);
    expect(services[1]).toEqual(expected);
    expect(services.map((service) => service.id)).toEqual(listed.services.map((s) => s.id));
    expect(services[0]).toEqual(listed.services[0]);

    // No cap and no window of its own: both null again.
    const uncapped = await admin.send('POST', `${SERVICES}/registro`, {
      ...registroEdit,
      dailyCap: null,
      checkInWindow: null,
    });
    expect(uncapped.status).toBe(200);
    expect((await kioskServices(server))[1]).toMatchObject({ dailyCap: null, checkInWindow: null });

    const log = (await server.staff.auditLog())
      .filter((entry) => entry.action === 'service-update')
      .reverse();
    expect(log).toHaveLength(2);
    expect(log[0]).toMatchObject({ username: 'admin', siteId: SITE });
    expect(log[0]?.detail).toEqual({
      service: 'registro',
      changes: [
        'names: {"es":"Registro general"} → ' + JSON.stringify(registroEdit.names),
        'prefix: "R" → "G"',
        'dailyCap: 3 → 40',
        'walkInsAllowed: true → false',
        'checkInWindow: {"minutesBefore":30,"minutesAfter":15} → {"minutesBefore":20,"minutesAfter":5}',
      ],
    });
    expect(log[1]?.detail).toEqual({
      service: 'registro',
      changes: ['dailyCap: 40 → —', 'checkInWindow: {"minutesBefore":20,"minutesAfter":5} → —'],
    });
  });

  it('refuses a bad value, a taken prefix or an unknown service, and changes nothing', async () => {
    const { server } = await startServer();
    const admin = await signedIn(server, 'admin');
    const before = await kioskServices(server);
    const bad = [
      { ...registroEdit, names: { en: 'Registry' } },
      { ...registroEdit, names: { es: '' } },
      { ...registroEdit, prefix: 'g1' },
      { ...registroEdit, dailyCap: 0 },
      { ...registroEdit, dailyCap: 1000 },
      { ...registroEdit, dailyCap: 2.5 },
      { ...registroEdit, walkInsAllowed: 'yes' },
      { ...registroEdit, checkInWindow: { minutesBefore: -1, minutesAfter: 5 } },
      { ...registroEdit, checkInWindow: { minutesBefore: 10, minutesAfter: 721 } },
    ];
    for (const body of bad) {
      const answer = await admin.send('POST', `${SERVICES}/registro`, body);
      expect([answer.status, errorOf(answer)]).toEqual([400, 'bad-request']);
    }
    const taken = await admin.send('POST', `${SERVICES}/registro`, {
      ...registroEdit,
      prefix: 'E',
    });
    expect([taken.status, errorOf(taken)]).toEqual([409, 'conflict']);
    const unknown = await admin.send('POST', `${SERVICES}/nada`, registroEdit);
    expect([unknown.status, errorOf(unknown)]).toEqual([404, 'not-found']);
    expect(await kioskServices(server)).toEqual(before);
    const audited = await server.staff.auditLog();
    expect(audited.filter((entry) => entry.action === 'service-update')).toEqual([]);
  });
});

const CODES = '/office/api/admin/enrolment-codes';
const HOUR = 60 * 60_000;

describe('office API: kiosk enrolment codes', () => {
  const enrol = (server: TurneroServer, enrolmentCode: string, kioskId: string) =>
    request(server, 'POST', apiPaths.enrol(SITE), { enrolmentCode, kioskId });

  it('is for administrators only', async () => {
    const { server } = await startServer();
    for (const role of ['desk', 'supervisor'] as const) {
      const client = await signedIn(server, role);
      expect((await client.send('GET', CODES)).status).toBe(403);
      const made = await client.send('POST', CODES, { kioskId: 'kiosk-5', ttlHours: 2 });
      expect([made.status, errorOf(made)]).toEqual([403, 'forbidden']);
    }
    const admin = await signedIn(server, 'admin');
    // The seed's codes (no kiosk) are listed; none was made by the refused requests.
    const listed = EnrolmentCodesViewSchema.parse((await admin.send('GET', CODES)).body);
    expect(listed.codes.every((code) => code.kioskId === null)).toBe(true);
  });

  it('makes a code for one kiosk that works once, lists it while open, audits no code', async () => {
    const { server } = await startServer();
    const admin = await signedIn(server, 'admin');
    const made = CreatedEnrolmentCodeSchema.parse(
      (await admin.send('POST', CODES, { site: SITE, kioskId: 'kiosk-5', ttlHours: 2 })).body,
    );
    expect(made.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(made.created).toMatchObject({ kioskId: 'kiosk-5' });
    expect(made.codes.filter((code) => code.kioskId === 'kiosk-5')).toEqual([made.created]);
    const listedText = JSON.stringify((await admin.send('GET', CODES)).body);
    expect(listedText).toContain(made.created.ref);
    expect(listedText).not.toContain(made.code);

    expect((await enrol(server, made.code, 'kiosk-6')).status).toBe(401);
    expect((await enrol(server, made.code, 'kiosk-5')).status).toBe(201);
    expect((await enrol(server, made.code, 'kiosk-5')).status).toBe(401);
    const after = EnrolmentCodesViewSchema.parse((await admin.send('GET', CODES)).body);
    expect(after.codes.map((code) => code.ref)).not.toContain(made.created.ref);

    const entry = (await server.staff.auditLog()).find(
      (one) => one.action === 'enrolment-code-create',
    );
    expect(entry).toMatchObject({
      username: 'admin',
      siteId: SITE,
      detail: { kioskId: 'kiosk-5', ref: made.created.ref, expiresAt: made.created.expiresAt },
    });
    expect(JSON.stringify(await server.staff.auditLog())).not.toContain(made.code);
  });

  it('stops a code when it expires or is revoked', async () => {
    const clock = movableClock();
    const { server } = await startServer({ now: clock.now });
    const admin = await signedIn(server, 'admin');
    const make = async (kioskId: string, ttlHours: number) =>
      CreatedEnrolmentCodeSchema.parse(
        (await admin.send('POST', CODES, { kioskId, ttlHours })).body,
      );
    const shortLived = await make('kiosk-7', 1);
    const revoked = await make('kiosk-8', 48);
    clock.advance(HOUR + 1);
    expect((await enrol(server, shortLived.code, 'kiosk-7')).status).toBe(401);
    const open = EnrolmentCodesViewSchema.parse((await admin.send('GET', CODES)).body);
    expect(open.codes.map((code) => code.ref)).not.toContain(shortLived.created.ref);
    expect(open.codes.map((code) => code.ref)).toContain(revoked.created.ref);

    const revoke = await admin.send('POST', `${CODES}/${revoked.created.ref}/revoke`, {});
    expect(revoke.status).toBe(200);
    expect(EnrolmentCodesViewSchema.parse(revoke.body).codes.map((code) => code.ref)).not.toContain(
      revoked.created.ref,
    );
    expect((await enrol(server, revoked.code, 'kiosk-8')).status).toBe(401);
    const again = await admin.send('POST', `${CODES}/${revoked.created.ref}/revoke`, {});
    expect([again.status, errorOf(again)]).toEqual([404, 'not-found']);
    expect((await server.staff.auditLog(1))[0]).toMatchObject({
      action: 'enrolment-code-revoke',
      detail: { kioskId: 'kiosk-8', ref: revoked.created.ref },
    });

    for (const body of [
      { kioskId: 'kiosk-9', ttlHours: 0 },
      { kioskId: 'kiosk-9', ttlHours: 366 * 24 + 1 },
      { kioskId: 'kiosk-9', ttlHours: 1.5 },
      { kioskId: 'Bad Kiosk!', ttlHours: 2 },
      { ttlHours: 2 },
    ]) {
      const refused = await admin.send('POST', CODES, body);
      expect([refused.status, errorOf(refused)]).toEqual([400, 'bad-request']);
    }
  });
});

describe('office API: the lobby notice', () => {
  const NOTICE = '/office/api/admin/lobby-notice';
  const snapshotNotice = async (server: TurneroServer) =>
    LobbySnapshotSchema.parse((await request(server, 'GET', apiPaths.lobbySnapshot(SITE))).body)
      .notice;

  it('is set by an administrator, audited, in the screens’ snapshot, and ends their streams', async () => {
    const { server } = await startServer();
    for (const role of ['desk', 'supervisor'] as const) {
      const client = await signedIn(server, role);
      const refused = await client.send('POST', NOTICE, { site: SITE, notice: 'Hola' });
      expect([refused.status, errorOf(refused)]).toEqual([403, 'forbidden']);
    }
    expect(await snapshotNotice(server)).toBeNull();
    const admin = await signedIn(server, 'admin');
    const screen = openStream(server, apiPaths.lobbyEvents(SITE));
    await screen.ready;
    expect(server.admin.openStreams()).toBe(1);

    const text = 'Hoy la oficina cierra a las 13:00.';
    const set = await admin.send('POST', NOTICE, { site: SITE, notice: `  ${text} ` });
    expect(set.status).toBe(200);
    expect(LobbyNoticeViewSchema.parse(set.body)).toEqual({ siteId: SITE, notice: text });
    expect(await snapshotNotice(server)).toBe(text);
    // The screen's stream was ended: it reconnects and reads the snapshot with the notice.
    await expect.poll(() => server.admin.openStreams()).toBe(0);
    screen.close();

    const cleared = await admin.send('POST', NOTICE, { site: SITE, notice: null });
    expect(LobbyNoticeViewSchema.parse(cleared.body).notice).toBeNull();
    expect(await snapshotNotice(server)).toBeNull();
    const entries = (await server.staff.auditLog()).filter((e) => e.action === 'lobby-notice');
    expect(entries.map((entry) => entry.detail)).toEqual([
      { old: text, new: '' },
      { old: '', new: text },
    ]);
  });

  it('refuses a notice that is empty or too long, and changes nothing', async () => {
    const { server } = await startServer();
    const admin = await signedIn(server, 'admin');
    for (const notice of ['', '   ', 'x'.repeat(501), 42]) {
      const refused = await admin.send('POST', NOTICE, { site: SITE, notice });
      expect(refused.status).toBe(400);
    }
    expect(await snapshotNotice(server)).toBeNull();
    expect((await server.staff.auditLog()).some((e) => e.action === 'lobby-notice')).toBe(false);
  });
});
