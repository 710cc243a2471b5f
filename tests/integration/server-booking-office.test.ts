/**
 * The booking back office over real HTTP (desk staff and up): the day's bookings with their
 * holders; booking for a citizen who phones (no proof of work, bookable-online or not, the same
 * capacity rule); cancel and move; each audited with the booking code only. And a staff cancel
 * reaching a real kiosk (SQLite cache, SyncEngine over HTTP) in its next delta pull.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BookingConfirmationSchema, FreeSlotsSchema } from '../../src-shared/contract/booking';
import { DayBookingsViewSchema } from '../../src-shared/contract/booking-office';
import { parseSeed } from '../../server/seed';
import type { TurneroServer } from '../../server/server';
import {
  book,
  bookingServerOptions,
  defaultSchedules,
  recordingNotifier,
  SLOT,
} from './booking-kit';
import { CITIZEN_ID, NOW, seedDocument, serversClosedAfterEach, SITE } from './server-kit';
import { errorOf, StaffClient } from './staff-kit';
import { makeKiosk, SITE as KIOSK_SITE, type TestKiosk } from './sync-kit';

const startServer = serversClosedAfterEach();
const PASSWORD = 'una-contraseña-larga';
const BOOKINGS = '/office/api/bookings';
const kiosks: TestKiosk[] = [];

afterEach(async () => {
  for (const kiosk of kiosks.splice(0)) await kiosk.close();
});

async function signedIn(server: TurneroServer, role: 'desk' | 'supervisor' | 'admin') {
  await server.staff.createAccount({ username: role, role, password: PASSWORD });
  const client = new StaffClient(server);
  expect((await client.signIn(role, PASSWORD)).status).toBe(200);
  return client;
}

const phoned = (overrides: Record<string, unknown> = {}) => ({
  serviceId: 'registro',
  startsAt: SLOT,
  name: 'Antonio García',
  phone: '+34 600 123 456',
  language: 'es',
  ...overrides,
});

describe('the booking back office', () => {
  it('books for a citizen who phones, lists the day, cancels and moves, audited by code', async () => {
    const notifier = recordingNotifier();
    const test = await startServer(bookingServerOptions({ bookingNotifier: notifier }));
    const online = await book(test, SITE);
    expect(online.status).toBe(201);
    const desk = await signedIn(test.server, 'desk');
    expect((await new StaffClient(test.server).send('GET', BOOKINGS)).status).toBe(401);

    // The registry is not bookable online; staff book it all the same.
    const slots = await desk.send('GET', `${BOOKINGS}/slots?serviceId=registro&day=2026-02-11`);
    expect(FreeSlotsSchema.parse(slots.body).slots[0]).toMatchObject({
      localTime: '09:00',
      free: 2,
    });
    const made = await desk.send('POST', BOOKINGS, phoned());
    expect(made.status).toBe(201);
    const { booking } = BookingConfirmationSchema.parse(made.body);
    expect(booking).toMatchObject({ serviceId: 'registro', status: 'booked', startsAt: SLOT });
    expect(booking.bookingToken).not.toBeNull();
    await expect
      .poll(() => notifier.notices.map((notice) => notice.phone))
      .toContain('+34 600 123 456');
    // The same capacity: a second and a third in a slot of two desks.
    expect((await desk.send('POST', BOOKINGS, phoned({ name: 'Otra' }))).status).toBe(201);
    const full = await desk.send('POST', BOOKINGS, phoned({ name: 'Tercera' }));
    expect([
      full.status,
      errorOf(full),
      (full.body as { error: { message: string } }).error.message,
    ]).toEqual([409, 'conflict', 'slot-taken']);
    const badId = await desk.send('POST', BOOKINGS, phoned({ citizenId: '12345678A' }));
    expect([badId.status, errorOf(badId)]).toEqual([400, 'bad-request']);
    const withId = await desk.send(
      'POST',
      BOOKINGS,
      phoned({ serviceId: 'padron', citizenId: CITIZEN_ID, phone: undefined }),
    );
    expect(withId.status).toBe(201);

    const day = DayBookingsViewSchema.parse(
      (await desk.send('GET', `${BOOKINGS}?day=2026-02-11`)).body,
    );
    expect(day.services.map((service) => service.id)).toEqual([
      'empadronamiento',
      'registro',
      'padron',
    ]);
    expect(
      day.bookings.map((entry) => [entry.serviceId, entry.name, entry.contact, entry.source]),
    ).toEqual([
      ['empadronamiento', 'Lucía Pérez', 'lucia@example.org', 'online'],
      ['padron', 'Antonio García', '', 'staff'],
      ['registro', 'Antonio García', '+34 600 123 456', 'staff'],
      ['registro', 'Otra', '+34 600 123 456', 'staff'],
    ]);
    const target = day.bookings[2];
    const moved = DayBookingsViewSchema.parse(
      (
        await desk.send('POST', `${BOOKINGS}/move`, {
          appointmentId: target?.appointmentId,
          startsAt: '2026-02-13T09:00:00.000Z',
        })
      ).body,
    );
    expect(moved.day).toBe('2026-02-13');
    expect(moved.bookings.map((entry) => entry.localTime)).toEqual(['10:00']);
    const cancelled = DayBookingsViewSchema.parse(
      (await desk.send('POST', `${BOOKINGS}/cancel`, { appointmentId: target?.appointmentId }))
        .body,
    );
    expect(cancelled.bookings[0]?.status).toBe('cancelled');
    // The holder hears of both staff changes, without a manage link the server cannot make.
    await expect
      .poll(() =>
        notifier.notices
          .filter((notice) => notice.booking.code === target?.code)
          .map((notice) => [notice.kind, notice.manageUrl, notice.phone]),
      )
      .toEqual([
        ['confirmed', expect.stringContaining('/book/m/'), '+34 600 123 456'],
        ['moved', null, '+34 600 123 456'],
        ['cancelled', null, '+34 600 123 456'],
      ]);
    const twice = await desk.send('POST', `${BOOKINGS}/cancel`, {
      appointmentId: target?.appointmentId,
    });
    expect([twice.status, errorOf(twice)]).toEqual([409, 'conflict']);

    const log = (await test.server.staff.auditLog())
      .filter((entry) => entry.action.startsWith('booking-staff-'))
      .reverse();
    expect(log.map((entry) => entry.action)).toEqual([
      'booking-staff-create',
      'booking-staff-create',
      'booking-staff-create',
      'booking-staff-move',
      'booking-staff-cancel',
    ]);
    expect(log[3]?.detail).toEqual({ code: target?.code });
    const audited = JSON.stringify(log);
    for (const personal of ['Antonio', '600 123', CITIZEN_ID, 'lucia']) {
      expect(audited).not.toContain(personal);
    }
  });

  it('a staff cancel reaches a kiosk in its next delta pull', async () => {
    const test = await startServer({
      ...bookingServerOptions(),
      seed: parseSeed(
        seedDocument({
          site: { id: KIOSK_SITE, name: 'Ayuntamiento de Sincronía', timeZone: 'Europe/Madrid' },
          booking: { schedules: defaultSchedules(), holidays: [] },
        }),
      ),
    });
    const desk = await signedIn(test.server, 'desk');
    const made = await desk.send('POST', BOOKINGS, { ...phoned(), site: KIOSK_SITE });
    expect(made.status).toBe(201);
    const { booking } = BookingConfirmationSchema.parse(made.body);
    const kiosk = makeKiosk({
      dir: mkdtempSync(join(tmpdir(), 'turnero-booking-kiosk-')),
      baseUrl: test.server.url,
      kioskId: 'kiosk-1',
      now: () => NOW,
    });
    kiosks.push(kiosk);
    await kiosk.engine.syncNow();
    const appointmentId = (await test.server.admin.listAppointments(KIOSK_SITE)).find(
      (entry) => entry.code === booking.code,
    )?.id as string;
    expect(kiosk.store.catalog.getAppointment(appointmentId)).toMatchObject({
      code: booking.code,
      status: 'booked',
    });

    const cancel = await desk.send('POST', `${BOOKINGS}/cancel`, {
      site: KIOSK_SITE,
      appointmentId,
    });
    expect(cancel.status).toBe(200);
    const delta = await kiosk.engine.syncNow();
    expect(delta.appointmentsReceived).toBe(1);
    expect(kiosk.store.catalog.getAppointment(appointmentId)).toMatchObject({
      status: 'cancelled',
    });
  });
});
