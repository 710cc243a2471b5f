import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Appointment, CheckInRequest } from '../../src-shared/contract/townhall-api';
import { createEasyAppointmentsBackend } from '../../src-main/backend/adapters/easy-appointments/adapter';
import {
  eaLocalToInstant,
  prefixCandidates,
} from '../../src-main/backend/adapters/easy-appointments/mapping';
import type { EasyAppointmentsOptionsInput } from '../../src-main/backend/adapters/easy-appointments/options';
import { siteZoneOf } from '../../src-main/backend/adapters/easy-appointments/provider-zone';
import { openStore, type Store } from '../../src-main/store/store';
import { createSyncEngine, MAX_ANSWERED_ATTEMPTS } from '../../src-main/sync/sync-engine';
import type { Backend } from '../../src-main/backend/backend';
import { BackendError } from '../../src-main/backend/backend-error';
import {
  startFakeEasyAppointments,
  type FakeEaAppointment,
  type FakeEasyAppointments,
} from '../support/fake-easy-appointments';
import { makeTempDir } from '../support/temp-dir';

// Saturday 28 March 2026, 10:00 in Madrid: the 3-day window holds Sunday 29, the day the clocks
// go forward (02:00 CET → 03:00 CEST).
const NOW = new Date('2026-03-28T09:00:00.000Z');
const now = () => NOW;
const TOKEN = 'ea-api-token-3f9c2b7d1e';
const SITE = 'sac-villanueva';
const TIME_ZONE = 'Europe/Madrid';
const WINDOW = { from: '2026-03-28', days: 3 };

let ea: FakeEasyAppointments;
let temp: ReturnType<typeof makeTempDir> | undefined;
let store: Store | undefined;
let logLines: string[];
let seeded: Record<string, FakeEaAppointment>;

beforeEach(async () => {
  logLines = [];
  ea = await startFakeEasyAppointments({
    apiToken: TOKEN,
    services: [
      { id: 1, name: 'Padrón municipal' },
      { id: 2, name: 'Registro general' },
      { id: 4, name: 'Pago de multas' },
      { id: 7, name: 'Licencias de obra' },
    ],
    settings: { company_name: 'Ayuntamiento de Villanueva', default_timezone: TIME_ZONE },
    // EA keeps each appointment's times in its provider's zone.
    providers: [
      { id: 2, timezone: TIME_ZONE },
      { id: 3, timezone: TIME_ZONE },
    ],
  });
  seeded = {
    winter: ea.admin.addAppointment({ serviceId: 1, start: '2026-03-28 10:30:00' }),
    summer: ea.admin.addAppointment({ serviceId: 2, start: '2026-03-29 10:00:00' }),
    inGap: ea.admin.addAppointment({ serviceId: 1, start: '2026-03-29 02:30:00' }),
    monday: ea.admin.addAppointment({ serviceId: 4, start: '2026-03-30 09:00:00' }),
    cancelled: ea.admin.addAppointment({
      serviceId: 7,
      start: '2026-03-28 12:00:00',
      status: 'Cancelled',
    }),
    later: ea.admin.addAppointment({ serviceId: 1, start: '2026-04-02 09:00:00' }),
    before: ea.admin.addAppointment({ serviceId: 1, start: '2026-03-27 09:00:00' }),
  };
});

afterEach(async () => {
  store?.close();
  store = undefined;
  temp?.remove();
  temp = undefined;
  await ea.close();
});

function makeBackend(overrides: Partial<EasyAppointmentsOptionsInput> = {}): Backend {
  return createEasyAppointmentsBackend(
    {
      baseUrl: ea.apiUrl,
      apiToken: TOKEN,
      siteId: SITE,
      siteName: 'SAC Villanueva',
      timeZone: TIME_ZONE,
      servicePrefixes: { '7': 'LO' },
      walkInServiceIds: ['2'],
      checkedInStatus: 'Checked-in',
      ...overrides,
    },
    { timeoutMs: 2000, now, log: (line) => logLines.push(line) },
  );
}

const byId = (appointments: Appointment[]) =>
  Object.fromEntries(appointments.map((appointment) => [appointment.id, appointment]));

const puts = () => ea.requests.filter((request) => request.method === 'PUT');

async function expectBackendError(
  promise: Promise<unknown>,
  expected: Partial<Pick<BackendError, 'kind' | 'status' | 'code'>>,
): Promise<BackendError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(BackendError);
  expect(error).toMatchObject(expected);
  return error as BackendError;
}

function checkInRequest(appointmentId: string, ticketNumber = 'PM-001'): CheckInRequest {
  return {
    ticketId: randomUUID(),
    appointmentId,
    kioskId: 'kiosk-1',
    ticketNumber,
    issuedAt: NOW.toISOString(),
    identifiedBy: 'external-booking',
  };
}

/** A kiosk's SQLite store in a temporary folder, closed and removed after the test. */
function openKioskStore(name: string): Store {
  temp = makeTempDir(name);
  store = openStore(join(temp.path, 'kiosk.sqlite'));
  return store;
}

/** Commits a ticket, its outbox row and the local status together, as the kiosk service does. */
function commitCheckIn(
  kioskStore: Store,
  booking: FakeEaAppointment,
  ticketNumber: string,
): CheckInRequest {
  const request = checkInRequest(String(booking.id), ticketNumber);
  kioskStore.transaction(() => {
    kioskStore.tickets.insertWithNextNumber({
      id: request.ticketId,
      localDay: booking.start.slice(0, 10),
      serviceId: String(booking.serviceId),
      servicePrefix: ticketNumber.split('-')[0] ?? 'S',
      appointmentId: String(booking.id),
      appointmentTime: booking.start.slice(11, 16),
      issuedAt: NOW,
    });
    kioskStore.outbox.add(request.ticketId, 'check-in', request, NOW);
    kioskStore.catalog.markAppointmentCheckedIn(String(booking.id), NOW);
  });
  return request;
}

describe('Easy!Appointments adapter: mapping', () => {
  it('maps services with configured and derived prefixes, and the site from EA settings', async () => {
    const info = await makeBackend().getSiteInfo();
    expect(info.site).toEqual({
      id: SITE,
      name: 'Ayuntamiento de Villanueva',
      timeZone: TIME_ZONE,
      numbering: { leaseCeiling: 0, defaultBlockSize: 1 },
    });
    expect(info.services).toEqual([
      { id: '1', prefix: 'PM', names: { es: 'Padrón municipal' }, walkInsAllowed: false },
      { id: '2', prefix: 'RG', names: { es: 'Registro general' }, walkInsAllowed: true },
      // "Pago de multas" would be PM too: the next free candidate is taken.
      { id: '4', prefix: 'P', names: { es: 'Pago de multas' }, walkInsAllowed: false },
      { id: '7', prefix: 'LO', names: { es: 'Licencias de obra' }, walkInsAllowed: false },
    ]);
    expect(prefixCandidates('Oficina de Atención al Ciudadano')[0]).toBe('OAC');
    // Only the fields used are asked for: no customer data travels.
    const list = ea.requests.find((request) => request.path === '/services');
    expect(list?.query).toMatchObject({ fields: 'id,name', sort: '+id', page: '1' });
  });

  it('falls back to the configured name and zone when EA has no such settings', async () => {
    // An EA whose providers name no zone (before 1.4).
    ea.admin.updateProvider(2, { timezone: null });
    ea.admin.updateProvider(3, { timezone: null });
    ea.admin.setSetting('company_name', null);
    ea.admin.setSetting('default_timezone', 'Not/AZone');
    const info = await makeBackend({ timeZone: 'Atlantic/Canary' }).getSiteInfo();
    expect(info.site).toEqual({
      id: SITE,
      name: 'SAC Villanueva',
      timeZone: 'Atlantic/Canary',
      numbering: { leaseCeiling: 0, defaultBlockSize: 1 },
    });
    expect(logLines.join('\n')).toContain('default_timezone "Not/AZone" is not an IANA zone');
  });

  it('maps appointments of the window: hash as code, local times in the site zone, statuses', async () => {
    const page = await makeBackend().getAppointments(WINDOW);
    expect(page.hasMore).toBe(false);
    const got = byId(page.appointments);
    expect(Object.keys(got).sort()).toEqual(
      [seeded.winter, seeded.summer, seeded.inGap, seeded.monday, seeded.cancelled]
        .map((a) => String(a?.id))
        .sort(),
    );
    const winter = seeded.winter as FakeEaAppointment;
    expect(got[String(winter.id)]).toMatchObject({
      code: winter.hash,
      serviceId: '1',
      startsAt: '2026-03-28T09:30:00.000Z', // CET, UTC+1
      status: 'booked',
    });
    // The DST day: 10:00 is already CEST (UTC+2); 02:30 never happens and reads as 03:30 CEST.
    expect(got[String(seeded.summer?.id)]?.startsAt).toBe('2026-03-29T08:00:00.000Z');
    expect(got[String(seeded.inGap?.id)]?.startsAt).toBe('2026-03-29T01:30:00.000Z');
    expect(got[String(seeded.monday?.id)]?.startsAt).toBe('2026-03-30T07:00:00.000Z');
    expect(got[String(seeded.cancelled?.id)]?.status).toBe('cancelled');
    const list = ea.requests.find((request) => request.path === '/appointments');
    expect(list?.query).toMatchObject({
      from: '2026-03-28',
      till: '2026-03-31',
      sort: '+id',
      fields: 'id,start,end,hash,status,serviceId,providerId',
    });
  });

  it('converts EA local times on both DST changes of Europe/Madrid', () => {
    expect(eaLocalToInstant('2026-03-29 01:59:00', TIME_ZONE).toISOString()).toBe(
      '2026-03-29T00:59:00.000Z',
    );
    expect(eaLocalToInstant('2026-03-29 03:00:00', TIME_ZONE).toISOString()).toBe(
      '2026-03-29T01:00:00.000Z',
    );
    // 25 October 2026: 02:30 happens twice; the first (CEST) is taken.
    expect(eaLocalToInstant('2026-10-25 02:30:00', TIME_ZONE).toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    expect(eaLocalToInstant('2026-10-25 09:15:30', TIME_ZONE).toISOString()).toBe(
      '2026-10-25T08:15:30.000Z',
    );
  });

  it('maps custom statuses by config, case-insensitively, and filters by provider', async () => {
    ea.admin.updateAppointment(seeded.winter?.id ?? 0, { status: 'ausente' });
    ea.admin.updateAppointment(seeded.summer?.id ?? 0, { status: 'CHECKED-IN' });
    ea.admin.updateAppointment(seeded.monday?.id ?? 0, { status: 'Rescheduled', providerId: 9 });
    const page = await makeBackend({
      statusMap: { Ausente: 'no-show' },
      providerIds: ['2'],
    }).getAppointments(WINDOW);
    const got = byId(page.appointments);
    expect(got[String(seeded.winter?.id)]?.status).toBe('no-show');
    expect(got[String(seeded.summer?.id)]?.status).toBe('checked-in');
    expect(got[String(seeded.monday?.id)]).toBeUndefined();
  });

  it('reads EA collections page by page', async () => {
    for (let minute = 0; minute < 12; minute += 1) {
      ea.admin.addAppointment({
        serviceId: 2,
        start: `2026-03-30 11:${String(minute).padStart(2, '0')}:00`,
      });
    }
    const page = await makeBackend({ pageLength: 10 }).getAppointments(WINDOW);
    expect(page.appointments).toHaveLength(17);
    const pages = ea.requests.filter((request) => request.path === '/appointments');
    expect(pages.map((request) => request.query.page)).toEqual(['1', '2']);
  });
});

describe('Easy!Appointments adapter: time zones', () => {
  it("reads times in the provider's zone, whatever EA's default_timezone says (UTC out of the box)", async () => {
    ea.admin.setSetting('default_timezone', 'UTC');
    const backend = makeBackend();
    const info = await backend.getSiteInfo();
    expect(info.site.timeZone).toBe(TIME_ZONE);
    const page = await backend.getAppointments(WINDOW);
    const winter = byId(page.appointments)[String(seeded.winter?.id)];
    expect(winter?.startsAt).toBe('2026-03-28T09:30:00.000Z'); // 10:30 in Madrid, not in UTC
    // A poll costs 3 requests plus the appointment pages; only ids and zones of providers.
    expect(ea.requests.map((request) => request.path)).toEqual([
      '/services',
      '/settings/company_name',
      '/providers',
      '/appointments',
    ]);
    expect(ea.requests[2]?.query).toMatchObject({ fields: 'id,timezone' });
  });

  it("decides the site's zone from its own providers only, and names what is wrong", () => {
    const providers = [
      { id: 2, timezone: TIME_ZONE },
      { id: 5, timezone: 'Atlantic/Canary' },
      { id: 6, timezone: null },
    ];
    expect(siteZoneOf(providers, ['2', '6'], TIME_ZONE)).toEqual({
      ok: true,
      zone: TIME_ZONE,
      from: 'providers',
    });
    expect(siteZoneOf(providers, ['6'], TIME_ZONE)).toEqual({
      ok: true,
      zone: TIME_ZONE,
      from: 'config',
    });
    expect(siteZoneOf(providers, undefined, TIME_ZONE)).toMatchObject({ ok: false });
    expect(siteZoneOf([{ id: 2, timezone: 'Madrid' }], undefined, TIME_ZONE)).toEqual({
      ok: false,
      problem: 'provider 2 has the time zone "Madrid", not an IANA zone',
    });
  });

  it('refuses loudly the providers of one site in different zones', async () => {
    ea.admin.updateProvider(3, { timezone: 'Atlantic/Canary' });
    const backend = makeBackend();
    const error = await expectBackendError(backend.getSiteInfo(), { kind: 'misconfigured' });
    expect(error.message).toMatch(/2: Europe\/Madrid/);
    expect(error.message).toMatch(/3: Atlantic\/Canary/);
    await expectBackendError(backend.getAppointments(WINDOW), { kind: 'misconfigured' });
    await expectBackendError(backend.postCheckIn(checkInRequest(String(seeded.winter?.id))), {
      kind: 'misconfigured',
    });
    expect(puts()).toEqual([]);
    expect(logLines.filter((line) => /refusing to sync/.test(line))).toHaveLength(1);
    // One office of a multi-office EA: only its providers count.
    const office = makeBackend({ providerIds: ['2'] });
    expect((await office.getSiteInfo()).site.timeZone).toBe(TIME_ZONE);
  });

  it("refuses loudly a provider zone unlike the kiosk's timeZone, before any request otherwise", async () => {
    ea.admin.updateProvider(2, { timezone: 'UTC' });
    ea.admin.updateProvider(3, { timezone: 'UTC' });
    const backend = makeBackend();
    // A check-in pushed before any site info: the zone is checked first, nothing is written.
    const error = await expectBackendError(
      backend.postCheckIn(checkInRequest(String(seeded.winter?.id))),
      { kind: 'misconfigured' },
    );
    expect(error.message).toMatch(/providers are in UTC.*kiosk's timeZone is Europe\/Madrid/);
    expect(puts()).toEqual([]);
    expect(ea.requests.map((request) => request.path)).toEqual(['/providers']);
    await expectBackendError(backend.getSiteInfo(), { kind: 'misconfigured' });
    expect(logLines.filter((line) => /refusing to sync/.test(line))).toHaveLength(1);
  });
});

describe('Easy!Appointments adapter: delta by digest', () => {
  it('answers a cursor with only what changed, deletions as cancellations, moves with the new day', async () => {
    const backend = makeBackend();
    const first = await backend.getAppointments(WINDOW);
    expect(first.appointments).toHaveLength(5);
    const versions = Object.fromEntries(first.appointments.map((a) => [a.id, a.version]));

    const quiet = await backend.getAppointments({ ...WINDOW, cursor: first.cursor });
    expect(quiet).toMatchObject({ appointments: [], hasMore: false });

    const winterId = String(seeded.winter?.id);
    ea.admin.updateAppointment(seeded.winter?.id ?? 0, { start: '2026-03-28 11:00:00' });
    const changed = await backend.getAppointments({ ...WINDOW, cursor: quiet.cursor });
    expect(changed.appointments).toHaveLength(1);
    expect(changed.appointments[0]).toMatchObject({
      id: winterId,
      startsAt: '2026-03-28T10:00:00.000Z',
    });
    expect(changed.appointments[0]?.version).toBeGreaterThan(versions[winterId] ?? Infinity);

    ea.admin.deleteAppointment(seeded.summer?.id ?? 0);
    ea.admin.updateAppointment(seeded.monday?.id ?? 0, {
      start: '2026-04-06 09:00:00',
      end: '2026-04-06 09:15:00',
    });
    const gone = await backend.getAppointments({ ...WINDOW, cursor: changed.cursor });
    const got = byId(gone.appointments);
    expect(Object.keys(got).sort()).toEqual(
      [String(seeded.summer?.id), String(seeded.monday?.id)].sort(),
    );
    expect(got[String(seeded.summer?.id)]).toMatchObject({
      status: 'cancelled',
      code: seeded.summer?.hash,
      startsAt: '2026-03-29T08:00:00.000Z',
    });
    expect(got[String(seeded.monday?.id)]).toMatchObject({
      status: 'booked',
      startsAt: '2026-04-06T07:00:00.000Z',
    });

    // Reported once; then the window is quiet again.
    const after = await backend.getAppointments({ ...WINDOW, cursor: gone.cursor });
    expect(after.appointments).toEqual([]);
    // Every delta read the whole window from EA: that is the cost of having no change feed.
    expect(ea.requests.filter((request) => request.path === '/appointments')).toHaveLength(5);
  });

  it('pages a large delta by the requested limit without asking EA again', async () => {
    const backend = makeBackend();
    const one = await backend.getAppointments({ ...WINDOW, limit: 2 });
    expect(one).toMatchObject({ hasMore: true });
    const two = await backend.getAppointments({ ...WINDOW, limit: 2, cursor: one.cursor });
    const three = await backend.getAppointments({ ...WINDOW, limit: 2, cursor: two.cursor });
    expect(three.hasMore).toBe(false);
    const ids = [...one.appointments, ...two.appointments, ...three.appointments].map((a) => a.id);
    expect(new Set(ids).size).toBe(5);
    expect(ea.requests.filter((request) => request.path === '/appointments')).toHaveLength(1);
    const next = await backend.getAppointments({ ...WINDOW, cursor: three.cursor });
    expect(next.appointments).toEqual([]);
  });

  it('calls a pull without a cursor a complete snapshot, on each of its pages; a delta not', async () => {
    const backend = makeBackend();
    const one = await backend.getAppointments({ ...WINDOW, limit: 3 });
    expect(one).toMatchObject({ hasMore: true, complete: true });
    const two = await backend.getAppointments({ ...WINDOW, limit: 3, cursor: one.cursor });
    expect(two).toMatchObject({ hasMore: false, complete: true });
    expect([...one.appointments, ...two.appointments]).toHaveLength(5);
    ea.admin.deleteAppointment(seeded.summer?.id ?? 0);
    const delta = await backend.getAppointments({ ...WINDOW, cursor: two.cursor });
    expect(delta.appointments).toHaveLength(1);
    expect(delta.complete).not.toBe(true);
  });

  it('refuses a cursor it did not issue, or for another window, as invalid-cursor', async () => {
    const backend = makeBackend();
    const page = await backend.getAppointments(WINDOW);
    await expectBackendError(backend.getAppointments({ ...WINDOW, days: 2, cursor: page.cursor }), {
      kind: 'http',
      status: 400,
      code: 'invalid-cursor',
    });
    // A restarted kiosk: the stored cursor belongs to the previous process.
    await expectBackendError(makeBackend().getAppointments({ ...WINDOW, cursor: page.cursor }), {
      status: 400,
      code: 'invalid-cursor',
    });
    await expectBackendError(backend.getAppointments({ ...WINDOW, cursor: 'garbage' }), {
      code: 'invalid-cursor',
    });
  });
});

describe('Easy!Appointments adapter: check-in', () => {
  it('writes the checked-in status with one PUT, and a replay sends nothing', async () => {
    const backend = makeBackend();
    const id = String(seeded.winter?.id);
    const request = checkInRequest(id);
    const first = await backend.postCheckIn(request);
    expect(first.replayed).toBe(false);
    expect(first.record).toMatchObject({ ...request, receivedAt: expect.any(String) });
    expect(puts()).toEqual([
      { method: 'PUT', path: `/appointments/${id}`, query: {}, body: { status: 'Checked-in' } },
    ]);
    expect(ea.admin.getAppointment(Number(id))?.status).toBe('Checked-in');
    // The rest of the EA record is untouched.
    expect(ea.admin.getAppointment(Number(id))).toMatchObject({
      start: '2026-03-28 10:30:00',
      notes: 'Private notes the kiosk must not need',
    });

    const again = await backend.postCheckIn(request);
    expect(again.replayed).toBe(true);
    expect(puts()).toHaveLength(1);
  });

  it('refuses for good a cancelled or deleted booking (409), an unknown token booking (422)', async () => {
    const backend = makeBackend();
    const cancelled = await expectBackendError(
      backend.postCheckIn(checkInRequest(String(seeded.cancelled?.id))),
      { kind: 'http', status: 409, code: 'conflict' },
    );
    expect(cancelled.permanent).toBe(true);
    ea.admin.deleteAppointment(seeded.monday?.id ?? 0);
    await expectBackendError(backend.postCheckIn(checkInRequest(String(seeded.monday?.id))), {
      status: 409,
      code: 'conflict',
    });
    await expectBackendError(
      backend.postCheckIn({ ...checkInRequest('apt-from-elsewhere'), bookingToken: 'eyJ.x.y' }),
      { status: 422, code: 'unknown-appointment' },
    );
    expect(puts()).toEqual([]);
  });

  it('does not write the checked-in status of a booking EA has moved to another day', async () => {
    const backend = makeBackend();
    const id = seeded.winter?.id ?? 0;
    ea.admin.updateAppointment(id, { start: '2026-04-06 10:30:00', end: '2026-04-06 10:45:00' });
    const moved = await expectBackendError(backend.postCheckIn(checkInRequest(String(id))), {
      kind: 'http',
      status: 409,
      code: 'conflict',
    });
    expect(moved.message).toMatch(/moved to 2026-04-06/);
    expect(puts()).toEqual([]);
    expect(ea.admin.getAppointment(id)?.status).toBe('Booked');
    // Moved within the ticket's day: still that day's booking, checked in.
    ea.admin.updateAppointment(id, { start: '2026-03-28 12:30:00', end: '2026-03-28 12:45:00' });
    const request = checkInRequest(String(id));
    expect((await backend.postCheckIn(request)).replayed).toBe(false);
    expect(ea.admin.getAppointment(id)?.status).toBe('Checked-in');
    // Moved after it was checked in: a replay of that push is still a replay, not a conflict.
    ea.admin.updateAppointment(id, { start: '2026-04-07 09:00:00', end: '2026-04-07 09:15:00' });
    expect((await backend.postCheckIn(request)).replayed).toBe(true);
    expect(puts()).toHaveLength(1);
  });

  it('fails as malformed when EA does not keep the status it was sent', async () => {
    ea.breakNext(
      `/appointments/${seeded.winter?.id}`,
      JSON.stringify({ ...seeded.winter, status: 'Booked' }),
    );
    // The GET is served the stale record, then the PUT answers a status other than asked.
    ea.breakNext(
      `/appointments/${seeded.winter?.id}`,
      JSON.stringify({ ...seeded.winter, status: 'Booked' }),
    );
    await expectBackendError(makeBackend().postCheckIn(checkInRequest(String(seeded.winter?.id))), {
      kind: 'malformed',
    });
  });
});

describe('Easy!Appointments adapter: failures are typed', () => {
  it('a refused API token is an http 401 "unauthorized" error, on every call', async () => {
    const backend = makeBackend({ apiToken: 'wrong-token' });
    for (const call of [
      () => backend.health(),
      () => backend.getSiteInfo(),
      () => backend.getAppointments(WINDOW),
      () => backend.postCheckIn(checkInRequest(String(seeded.winter?.id))),
    ]) {
      const error = await expectBackendError(call(), {
        kind: 'http',
        status: 401,
        code: 'unauthorized',
      });
      expect(error.permanent).toBe(false); // a technician fixes the token; then it works
    }
    expect(ea.admin.getAppointment(seeded.winter?.id ?? 0)?.status).toBe('Booked');
  });

  it('a malformed answer is an error, nothing is returned half-mapped, the cursor still works', async () => {
    const backend = makeBackend();
    const first = await backend.getAppointments(WINDOW);

    ea.admin.updateAppointment(seeded.winter?.id ?? 0, { status: 'Cancelled' });
    const good = { ...seeded.summer, fields: undefined };
    ea.breakNext('/appointments', JSON.stringify([good, { ...seeded.monday, hash: null }]));
    await expectBackendError(backend.getAppointments({ ...WINDOW, cursor: first.cursor }), {
      kind: 'malformed',
    });
    ea.breakNext('/appointments', '<html>Database error</html>');
    await expectBackendError(backend.getAppointments({ ...WINDOW, cursor: first.cursor }), {
      kind: 'malformed',
    });
    ea.breakNext('/appointments', JSON.stringify([{ ...seeded.monday, start: '30/03/2026 9:00' }]));
    await expectBackendError(backend.getAppointments({ ...WINDOW, cursor: first.cursor }), {
      kind: 'malformed',
    });
    ea.breakNext('/services', JSON.stringify({ success: false }));
    await expectBackendError(backend.getSiteInfo(), { kind: 'malformed' });

    // The failed pulls changed nothing: the same cursor now yields exactly the one change.
    const delta = await backend.getAppointments({ ...WINDOW, cursor: first.cursor });
    expect(delta.appointments.map((a) => [a.id, a.status])).toEqual([
      [String(seeded.winter?.id), 'cancelled'],
    ]);
  });

  it('health answers ok from an authenticated request', async () => {
    const health = await makeBackend().health();
    expect(health).toMatchObject({ status: 'ok', apiVersion: 'v1' });
    expect(makeBackend().clockOffsetMs()).toBeNull();
  });
});

describe('Easy!Appointments adapter under the kiosk sync engine', () => {
  it('pulls into a real store and delivers a check-in as a status change in EA', async () => {
    const kioskStore = openKioskStore('ea-sync');
    const backend = makeBackend();
    const engine = createSyncEngine({
      client: backend,
      store: kioskStore,
      timeZone: TIME_ZONE,
      pollSeconds: () => 3600,
      now,
      log: (line) => logLines.push(line),
    });

    const first = await engine.syncNow();
    expect(first).toMatchObject({ ok: true, appointmentsReceived: 5 });
    expect(kioskStore.catalog.getSite()).toMatchObject({
      id: SITE,
      name: 'Ayuntamiento de Villanueva',
      timeZone: TIME_ZONE,
    });
    expect(kioskStore.catalog.listServices().map((s) => s.prefix)).toEqual(['LO', 'P', 'PM', 'RG']);
    const winter = seeded.winter as FakeEaAppointment;
    // The kiosk finds the booking by the hash in EA's confirmation link, on its local day.
    const cached = kioskStore.catalog.findAppointmentByCode(winter.hash, '2026-03-28');
    expect(cached).toMatchObject({ id: String(winter.id), localTime: '10:30', status: 'booked' });
    expect(
      kioskStore.catalog.findAppointmentByCode(seeded.summer?.hash ?? '', '2026-03-29'),
    ).toMatchObject({ localTime: '10:00' });

    // A check-in as the kiosk service commits it: ticket, outbox row and local status together.
    commitCheckIn(kioskStore, winter, 'PM-001');

    const second = await engine.syncNow();
    expect(second).toMatchObject({ ok: true, delivered: 1, rejected: 0 });
    expect(ea.admin.getAppointment(winter.id)?.status).toBe('Checked-in');
    expect(puts()).toHaveLength(1);
    expect(kioskStore.outbox.pendingCount()).toBe(0);
    expect(kioskStore.catalog.getAppointment(String(winter.id))?.status).toBe('checked-in');

    // EA cancels one (deletes it): the next pull tells the kiosk.
    ea.admin.deleteAppointment(seeded.monday?.id ?? 0);
    const third = await engine.syncNow();
    expect(third).toMatchObject({ ok: true, delivered: 0 });
    expect(kioskStore.catalog.getAppointment(String(seeded.monday?.id))?.status).toBe('cancelled');
    expect(kioskStore.catalog.getAppointment(String(winter.id))?.status).toBe('checked-in');
    expect(puts()).toHaveLength(1);
    expect(engine.getStatus()).toMatchObject({ connectivity: 'online', pendingOutbox: 0 });
    await engine.stop();
  });

  it('records a check-in whose booking EA moved or deleted meanwhile as booking-moved / booking-cancelled', async () => {
    const kioskStore = openKioskStore('ea-moved');
    const other = ea.admin.addAppointment({ serviceId: 2, start: '2026-03-28 11:00:00' });
    const engine = createSyncEngine({
      client: makeBackend(),
      store: kioskStore,
      timeZone: TIME_ZONE,
      pollSeconds: () => 3600,
      now,
    });
    await engine.syncNow();
    const winter = seeded.winter as FakeEaAppointment;
    const movedTicket = commitCheckIn(kioskStore, winter, 'PM-001');
    const deletedTicket = commitCheckIn(kioskStore, other, 'RG-001');
    // Before the kiosk's push arrives, staff move one booking to next week and the citizen
    // cancels the other with EA's own link (which deletes it).
    ea.admin.updateAppointment(winter.id, {
      start: '2026-04-06 10:30:00',
      end: '2026-04-06 10:45:00',
    });
    ea.admin.deleteAppointment(other.id);

    expect(await engine.syncNow()).toMatchObject({ ok: true, delivered: 0, rejected: 2 });
    const kinds = Object.fromEntries(
      kioskStore.conflicts.recent().map((conflict) => [conflict.ticketId, conflict.kind]),
    );
    expect(kinds).toEqual({
      [movedTicket.ticketId]: 'booking-moved',
      [deletedTicket.ticketId]: 'booking-cancelled',
    });
    // EA's real appointment next week is untouched.
    expect(ea.admin.getAppointment(winter.id)?.status).toBe('Booked');
    expect(puts()).toEqual([]);
    await engine.stop();
  });

  it('after a restart, notices bookings deleted or moved away in EA while the kiosk was off', async () => {
    const kioskStore = openKioskStore('ea-reconcile');
    const options = { store: kioskStore, timeZone: TIME_ZONE, pollSeconds: () => 3600, now };
    await createSyncEngine({ ...options, client: makeBackend() }).syncNow();
    const winter = seeded.winter as FakeEaAppointment;
    const summer = seeded.summer as FakeEaAppointment;
    // While the kiosk is off: one booking cancelled (deleted) in EA, today's moved to next week.
    ea.admin.deleteAppointment(summer.id);
    ea.admin.updateAppointment(winter.id, {
      start: '2026-04-06 10:30:00',
      end: '2026-04-06 10:45:00',
    });

    const restarted = createSyncEngine({
      ...options,
      client: makeBackend(),
      log: (line) => logLines.push(line),
    });
    expect(await restarted.syncNow()).toMatchObject({ ok: true, appointmentsReceived: 3 });
    expect(logLines.join('\n')).toContain('refused the cursor');
    expect(kioskStore.catalog.getAppointment(String(summer.id))?.status).toBe('cancelled');
    // Not bookable today any more: the kiosk will not check it in and mark EA's appointment.
    expect(kioskStore.catalog.findAppointmentByCode(winter.hash, '2026-03-28')?.status).toBe(
      'cancelled',
    );
    expect(kioskStore.catalog.getAppointment(String(seeded.monday?.id))?.status).toBe('booked');
  });

  it('holds check-ins and says why while EA and the kiosk disagree on the zone, then delivers', async () => {
    const kioskStore = openKioskStore('ea-zone');
    const engine = createSyncEngine({
      client: makeBackend(),
      store: kioskStore,
      timeZone: TIME_ZONE,
      pollSeconds: () => 3600,
      now,
      log: (line) => logLines.push(line),
    });
    await engine.syncNow();
    const winter = seeded.winter as FakeEaAppointment;
    commitCheckIn(kioskStore, winter, 'PM-001');
    // Someone resets the providers' zone in EA.
    ea.admin.updateProvider(2, { timezone: 'Europe/London' });
    ea.admin.updateProvider(3, { timezone: 'Europe/London' });
    for (let run = 0; run < MAX_ANSWERED_ATTEMPTS + 2; run += 1) {
      expect(await engine.syncNow()).toMatchObject({ ok: false, rejected: 0 });
    }
    expect(engine.getStatus()).toMatchObject({ connectivity: 'degraded', pendingOutbox: 1 });
    expect(engine.getStatus().lastError).toMatch(/Europe\/London/);
    expect(kioskStore.conflicts.count()).toBe(0);
    expect(puts()).toEqual([]);
    // The cache keeps the times it had: nothing was pulled in the wrong zone.
    expect(kioskStore.catalog.getAppointment(String(winter.id))?.localTime).toBe('10:30');
    expect(logLines.filter((line) => /refusing to sync/.test(line))).toHaveLength(1);

    ea.admin.updateProvider(2, { timezone: TIME_ZONE });
    ea.admin.updateProvider(3, { timezone: TIME_ZONE });
    expect(await engine.syncNow()).toMatchObject({ ok: true, delivered: 1 });
    expect(ea.admin.getAppointment(winter.id)?.status).toBe('Checked-in');
    expect(engine.getStatus()).toMatchObject({ connectivity: 'online', lastError: null });
    await engine.stop();
  });

  it('after a restart (stored cursor unknown to the new adapter) pulls the window whole', async () => {
    const kioskStore = openKioskStore('ea-restart');
    const options = { store: kioskStore, timeZone: TIME_ZONE, pollSeconds: () => 3600, now };
    await createSyncEngine({ ...options, client: makeBackend() }).syncNow();
    const restarted = createSyncEngine({
      ...options,
      client: makeBackend(),
      log: (line) => logLines.push(line),
    });
    const report = await restarted.syncNow();
    expect(report).toMatchObject({ ok: true, appointmentsReceived: 5 });
    expect(logLines.join('\n')).toContain('refused the cursor');
    expect(kioskStore.catalog.countAppointments()).toBe(5);
  });
});
