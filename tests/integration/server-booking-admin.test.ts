/**
 * The administrator's booking settings over real HTTP (office API, staff session): for
 * administrators only; a schedule, a holiday and the policy changed, each audited old → new,
 * and what the public booking API then offers follows at once.
 */
import { describe, expect, it } from 'vitest';
import {
  BookingAdminViewSchema,
  type BookingAdminView,
} from '../../src-shared/contract/booking-admin';
import { BookingSiteSchema, FreeDaysSchema } from '../../src-shared/contract/booking';
import type { TurneroServer } from '../../server/server';
import { bookingServerOptions, schedule } from './booking-kit';
import { request, serversClosedAfterEach, SITE } from './server-kit';
import { errorOf, StaffClient } from './staff-kit';

const startServer = serversClosedAfterEach();
const PASSWORD = 'una-contraseña-larga';
const ADMIN = '/office/api/admin/booking';

async function signedIn(server: TurneroServer, role: 'desk' | 'supervisor' | 'admin') {
  await server.staff.createAccount({ username: role, role, password: PASSWORD });
  const client = new StaffClient(server);
  expect((await client.signIn(role, PASSWORD)).status).toBe(200);
  return client;
}

const freeDays = async (server: TurneroServer, serviceId: string) =>
  FreeDaysSchema.parse(
    (await request(server, 'GET', `/book/api/sites/${SITE}/services/${serviceId}/days`)).body,
  ).days.map((entry) => entry.day);

describe('office API: booking settings', () => {
  it('is for administrators only', async () => {
    const { server } = await startServer(bookingServerOptions());
    for (const role of ['desk', 'supervisor'] as const) {
      const client = await signedIn(server, role);
      const view = await client.send('GET', ADMIN);
      expect([view.status, errorOf(view)]).toEqual([403, 'forbidden']);
      const add = await client.send('POST', `${ADMIN}/holidays`, {
        holiday: { day: '2026-02-11', name: 'X', scope: 'local', serviceId: null },
      });
      expect([add.status, errorOf(add)]).toEqual([403, 'forbidden']);
    }
    expect(await freeDays(server, 'empadronamiento')).toContain('2026-02-11');
  });

  it('closes a day, changes a schedule and the policy, each audited old → new', async () => {
    const { server } = await startServer(bookingServerOptions());
    const admin = await signedIn(server, 'admin');
    const initial = BookingAdminViewSchema.parse((await admin.send('GET', ADMIN)).body);
    expect(initial.holidays.map((holiday) => holiday.day)).toEqual(['2026-02-12']);

    const added = await admin.send('POST', `${ADMIN}/holidays`, {
      holiday: { day: '2026-02-11', name: 'Fiesta patronal', scope: 'local', serviceId: null },
    });
    expect(added.status).toBe(200);
    const withHoliday: BookingAdminView = BookingAdminViewSchema.parse(added.body);
    expect(await freeDays(server, 'empadronamiento')).not.toContain('2026-02-11');

    const closure = await admin.send('POST', `${ADMIN}/holidays`, {
      holiday: { day: '2026-02-13', name: 'Inventario', scope: 'closure', serviceId: 'padron' },
    });
    expect(closure.status).toBe(200);
    expect(await freeDays(server, 'padron')).not.toContain('2026-02-13');
    expect(await freeDays(server, 'empadronamiento')).toContain('2026-02-13');

    const holidayId = withHoliday.holidays.find((holiday) => holiday.day === '2026-02-11')?.id;
    const removed = await admin.send('POST', `${ADMIN}/holidays/remove`, { id: holidayId });
    expect(removed.status).toBe(200);
    expect(await freeDays(server, 'empadronamiento')).toContain('2026-02-11');
    const again = await admin.send('POST', `${ADMIN}/holidays/remove`, { id: holidayId });
    expect([again.status, errorOf(again)]).toEqual([404, 'not-found']);

    // The registry is made bookable online, on Fridays only.
    const fridays = schedule({
      serviceId: 'registro',
      week: { 1: [], 2: [], 3: [], 4: [], 5: [{ opens: '09:00', closes: '10:00' }], 6: [], 7: [] },
    });
    const put = await admin.send('POST', `${ADMIN}/schedule`, { schedule: fridays });
    expect(put.status).toBe(200);
    expect(await freeDays(server, 'registro')).toEqual(['2026-02-13']);
    const backwards = await admin.send('POST', `${ADMIN}/schedule`, {
      schedule: { ...fridays, week: { ...fridays.week, 1: [{ opens: '12:00', closes: '10:00' }] } },
    });
    expect([backwards.status, errorOf(backwards)]).toEqual([400, 'bad-request']);
    const unknown = await admin.send('POST', `${ADMIN}/schedule`, {
      schedule: { ...fridays, serviceId: 'nada' },
    });
    expect(unknown.status).toBe(404);

    const policy = {
      maxActivePerContact: 1,
      purgeAfterDays: 3,
      controllerName: 'Ayuntamiento',
      rightsContact: 'registro@prueba.example',
    };
    expect((await admin.send('POST', `${ADMIN}/policy`, { policy })).status).toBe(200);
    const site = BookingSiteSchema.parse(
      (await request(server, 'GET', `/book/api/sites/${SITE}`)).body,
    );
    expect(site.privacy).toEqual({
      purgeAfterDays: 3,
      controllerName: 'Ayuntamiento',
      rightsContact: 'registro@prueba.example',
    });
    expect(site.services.map((service) => service.id)).toContain('registro');

    const log = (await server.staff.auditLog())
      .filter((entry) => entry.action.startsWith('booking-'))
      .reverse();
    expect(log.map((entry) => entry.action)).toEqual([
      'booking-holiday-add',
      'booking-holiday-add',
      'booking-holiday-remove',
      'booking-schedule',
      'booking-policy',
    ]);
    expect(log.every((entry) => entry.username === 'admin' && entry.siteId === SITE)).toBe(true);
    expect(log[2]?.detail).toMatchObject({ new: '' });
    expect(String(log[2]?.detail.old)).toContain('Fiesta patronal');
    expect(JSON.parse(String(log[3]?.detail.old))).toMatchObject({ online: false });
    expect(JSON.parse(String(log[3]?.detail.new))).toMatchObject({ online: true });
    expect(JSON.parse(String(log[4]?.detail.old))).toMatchObject({ maxActivePerContact: 2 });
    expect(JSON.parse(String(log[4]?.detail.new))).toEqual(policy);
  });
});
