/**
 * The public booking API over real HTTP (SQLite; PostgreSQL on the server-postgres pass): site
 * info and free days/slots by the schedule, booking with a proof of work, the DNI/NIE rule, the
 * contact limit, the manage token's view/cancel/move, the kiosk's delta feed seeing each change,
 * the notifier told after each commit, and the abuse limits (429 with Retry-After).
 */
import { describe, expect, it } from 'vitest';
import {
  BookingConfirmationSchema,
  BookingSiteSchema,
  BookingViewSchema,
  FreeDaysSchema,
  FreeSlotsSchema,
} from '../../src-shared/contract/booking';
import { apiPaths, AppointmentsPageSchema } from '../../src-shared/contract/townhall-api';
import {
  book,
  bookingRequest,
  bookingServerOptions,
  HOLIDAY,
  recordingNotifier,
  SLOT,
  solvedProof,
} from './booking-kit';
import { CITIZEN_ID, errorCode, request, serversClosedAfterEach, SITE } from './server-kit';

const startServer = serversClosedAfterEach();
const api = (path: string) => `/book/api${path}`;

async function kioskAppointments(test: Awaited<ReturnType<typeof startServer>>) {
  const answer = await request(
    test.server,
    'GET',
    `${apiPaths.appointments(SITE)}?from=2026-02-10&days=7`,
  );
  return AppointmentsPageSchema.parse(answer.body).appointments;
}

describe('the public booking API', () => {
  it('lists the services bookable online with the privacy facts', async () => {
    const test = await startServer(bookingServerOptions());
    const answer = await request(test.server, 'GET', api(`/sites/${SITE}`));
    expect(answer.status).toBe(200);
    const site = BookingSiteSchema.parse(answer.body);
    expect(site.services.map((service) => service.id)).toEqual(['empadronamiento', 'padron']);
    expect(site.services[1]?.requiresCitizenId).toBe(true);
    expect(site.privacy).toEqual({
      purgeAfterDays: 7,
      controllerName: 'Ayuntamiento de Prueba',
      rightsContact: 'dpd@prueba.example',
    });
    expect((await request(test.server, 'GET', api('/sites/nowhere'))).status).toBe(404);
    const offline = await request(test.server, 'GET', api(`/sites/${SITE}/services/registro/days`));
    expect(offline.status).toBe(404);
    expect(errorCode(offline)).toBe('not-found');
  });

  it('offers only the days with a free slot, and the free slots of a day', async () => {
    const test = await startServer(bookingServerOptions());
    const days = FreeDaysSchema.parse(
      (await request(test.server, 'GET', api(`/sites/${SITE}/services/empadronamiento/days`))).body,
    ).days;
    // Now is Tuesday 10:00 with an hour of cut-off: today 11:00 is the end, so nothing today.
    expect(days.map((day) => day.day)).toEqual([
      '2026-02-11',
      '2026-02-13',
      '2026-02-16',
      '2026-02-17',
    ]);
    expect(days.map((day) => day.day)).not.toContain(HOLIDAY.day);
    const slots = FreeSlotsSchema.parse(
      (
        await request(
          test.server,
          'GET',
          api(`/sites/${SITE}/services/empadronamiento/days/2026-02-11/slots`),
        )
      ).body,
    );
    expect(slots.slots.map((slot) => [slot.localTime, slot.free])).toEqual([
      ['09:00', 2],
      ['09:30', 2],
      ['10:00', 2],
      ['10:30', 2],
    ]);
    expect(slots.slots[0]?.startsAt).toBe(SLOT);
    const bad = await request(
      test.server,
      'GET',
      api(`/sites/${SITE}/services/empadronamiento/days/2026-13-01/slots`),
    );
    expect(bad.status).toBe(400);
    expect(errorCode(bad)).toBe('bad-request');
  });

  it('books a slot as an appointment the kiosks pull, and tells the holder after', async () => {
    const notifier = recordingNotifier();
    const test = await startServer(bookingServerOptions({ bookingNotifier: notifier }));
    const answer = await book(test, SITE);
    expect(answer.status).toBe(201);
    const { booking, manageToken } = BookingConfirmationSchema.parse(answer.body);
    expect(booking).toMatchObject({
      siteId: SITE,
      serviceId: 'empadronamiento',
      startsAt: SLOT,
      localDay: '2026-02-11',
      localTime: '09:00',
      slotMinutes: 30,
      status: 'booked',
      language: 'es',
    });
    expect(booking.code).toMatch(/^TRN-[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(booking.bookingToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const pulled = (await kioskAppointments(test)).find((entry) => entry.code === booking.code);
    expect(pulled).toMatchObject({
      startsAt: SLOT,
      status: 'booked',
      serviceId: 'empadronamiento',
    });
    await expect.poll(() => notifier.notices.length).toBe(1);
    expect(notifier.notices[0]).toMatchObject({
      kind: 'confirmed',
      manageUrl: `${test.server.url}/book/m/${manageToken}`,
      email: 'lucia@example.org',
      phone: null,
      name: 'Lucía Pérez',
    });
    // One place of two is left in that slot.
    const slots = FreeSlotsSchema.parse(
      (
        await request(
          test.server,
          'GET',
          api(`/sites/${SITE}/services/empadronamiento/days/2026-02-11/slots`),
        )
      ).body,
    );
    expect(slots.slots[0]).toMatchObject({ localTime: '09:00', free: 1 });
  });

  it('refuses a booking without a valid, unused proof of work', async () => {
    const test = await startServer(bookingServerOptions());
    const path = api(`/sites/${SITE}/bookings`);
    const forged = Buffer.from('{"challenge":{"parameters":{}},"solution":{}}').toString('base64');
    const none = await request(test.server, 'POST', path, { ...bookingRequest(), proof: forged });
    expect(none.status).toBe(400);
    expect(errorCode(none)).toBe('proof-failed');
    const proof = await solvedProof(test.server);
    const first = await request(test.server, 'POST', path, { ...bookingRequest(), proof });
    expect(first.status).toBe(201);
    const again = await request(test.server, 'POST', path, {
      ...bookingRequest({ email: 'otra@example.org' }),
      proof,
    });
    expect(again.status).toBe(400);
    expect(errorCode(again)).toBe('proof-failed');
    const noPrivacy = await request(test.server, 'POST', path, {
      ...bookingRequest({ privacyAccepted: false }),
      proof: await solvedProof(test.server),
    });
    expect(noPrivacy.status).toBe(400);
    expect(errorCode(noPrivacy)).toBe('bad-request');
  });

  it('asks for a DNI/NIE with a right letter where the service requires it, keeps only its hash', async () => {
    const test = await startServer(bookingServerOptions());
    const padron = { serviceId: 'padron' };
    const missing = await book(test, SITE, padron);
    expect(missing.status).toBe(400);
    expect(errorCode(missing)).toBe('citizen-id-invalid');
    const wrongLetter = await book(test, SITE, { ...padron, citizenId: '12345678A' });
    expect(errorCode(wrongLetter)).toBe('citizen-id-invalid');
    const passport = await book(test, SITE, { ...padron, citizenId: 'AB1234567' });
    expect(errorCode(passport)).toBe('citizen-id-invalid');
    const good = await book(test, SITE, { ...padron, citizenId: '12.345.678-z' });
    expect(good.status).toBe(201);
    const { booking } = BookingConfirmationSchema.parse(good.body);
    const stored = (await test.server.admin.listAppointments(SITE)).find(
      (entry) => entry.code === booking.code,
    );
    expect(stored?.citizenIdHash).toBe(await test.server.admin.citizenIdHash(SITE, CITIZEN_ID));
    expect(JSON.stringify(stored)).not.toContain(CITIZEN_ID);
  });

  it('holds a contact to its active bookings, and a taken slot to its desks', async () => {
    const test = await startServer(bookingServerOptions());
    expect((await book(test, SITE)).status).toBe(201);
    const phone = await book(test, SITE, {
      email: 'LUCIA@example.org',
      startsAt: '2026-02-11T08:30:00.000Z',
    });
    expect(phone.status).toBe(201);
    const third = await book(test, SITE, { startsAt: '2026-02-11T09:00:00.000Z' });
    expect(third.status).toBe(409);
    expect(errorCode(third)).toBe('contact-limit');
    // The padrón has one desk: its 09:00 is taken by the first booking.
    const first = await book(test, SITE, {
      serviceId: 'padron',
      email: 'a@example.org',
      citizenId: CITIZEN_ID,
    });
    expect(first.status).toBe(201);
    const second = await book(test, SITE, {
      serviceId: 'padron',
      email: 'b@example.org',
      citizenId: CITIZEN_ID,
    });
    expect(second.status).toBe(409);
    expect(errorCode(second)).toBe('slot-taken');
    const offGrid = await book(test, SITE, {
      email: 'c@example.org',
      startsAt: '2026-02-11T08:10:00.000Z',
    });
    expect(errorCode(offGrid)).toBe('slot-unavailable');
    const holiday = await book(test, SITE, {
      email: 'd@example.org',
      startsAt: '2026-02-12T08:00:00.000Z',
    });
    expect(errorCode(holiday)).toBe('slot-unavailable');
  });

  it('shows, moves and cancels a booking by its manage token; the kiosks see each change', async () => {
    const notifier = recordingNotifier();
    const test = await startServer(bookingServerOptions({ bookingNotifier: notifier }));
    const { manageToken, booking } = BookingConfirmationSchema.parse((await book(test, SITE)).body);
    const manage = api(`/bookings/${manageToken}`);
    const view = BookingViewSchema.parse((await request(test.server, 'GET', manage)).body);
    expect(view).toMatchObject({ code: booking.code, status: 'booked' });
    expect(view.bookingToken).not.toBeNull();
    const moved = await request(test.server, 'POST', `${manage}/move`, {
      startsAt: '2026-02-13T09:30:00.000Z',
    });
    expect(moved.status).toBe(200);
    expect(BookingViewSchema.parse(moved.body)).toMatchObject({
      localDay: '2026-02-13',
      localTime: '10:30',
    });
    let pulled = (await kioskAppointments(test)).find((entry) => entry.code === booking.code);
    expect(pulled?.startsAt).toBe('2026-02-13T09:30:00.000Z');
    const toHoliday = await request(test.server, 'POST', `${manage}/move`, {
      startsAt: '2026-02-12T08:00:00.000Z',
    });
    expect(errorCode(toHoliday)).toBe('slot-unavailable');
    const cancelled = await request(test.server, 'POST', `${manage}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(BookingViewSchema.parse(cancelled.body)).toMatchObject({
      status: 'cancelled',
      bookingToken: null,
    });
    pulled = (await kioskAppointments(test)).find((entry) => entry.code === booking.code);
    expect(pulled?.status).toBe('cancelled');
    const twice = await request(test.server, 'POST', `${manage}/cancel`);
    expect(twice.status).toBe(409);
    expect(errorCode(twice)).toBe('already-cancelled');
    const moveCancelled = await request(test.server, 'POST', `${manage}/move`, { startsAt: SLOT });
    expect(errorCode(moveCancelled)).toBe('already-cancelled');
    await expect
      .poll(() => notifier.notices.map((notice) => notice.kind))
      .toEqual(['confirmed', 'moved', 'cancelled']);
    const unknown = await request(test.server, 'GET', api(`/bookings/${'x'.repeat(43)}`));
    expect(unknown.status).toBe(404);
    expect(errorCode(unknown)).toBe('not-found');
  });

  it('keeps the booking when telling the holder fails, and logs it', async () => {
    const lines: string[] = [];
    const test = await startServer(
      bookingServerOptions({
        bookingNotifier: { notify: () => Promise.reject(new Error('SMTP down')) },
        log: (line) => lines.push(line),
      }),
    );
    const answer = await book(test, SITE);
    expect(answer.status).toBe(201);
    const { manageToken } = BookingConfirmationSchema.parse(answer.body);
    expect((await request(test.server, 'GET', api(`/bookings/${manageToken}`))).status).toBe(200);
    await expect.poll(() => lines.join('\n')).toMatch(/SMTP down/);
  });

  it('limits the challenges one client may ask for, with Retry-After', async () => {
    const test = await startServer(
      bookingServerOptions({ booking: { challengesPerMinute: 3, attemptsPerContactPerHour: 2 } }),
    );
    const statuses: number[] = [];
    for (let index = 0; index < 4; index += 1) {
      statuses.push((await request(test.server, 'GET', api('/challenge'))).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await request(test.server, 'GET', api('/challenge'));
    expect(errorCode(limited)).toBe('rate-limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('limits booking attempts per contact, from any client', async () => {
    const test = await startServer(
      bookingServerOptions({ booking: { attemptsPerContactPerHour: 2 } }),
    );
    const badSlot = { startsAt: '2026-02-11T08:10:00.000Z' };
    expect(errorCode(await book(test, SITE, badSlot))).toBe('slot-unavailable');
    expect(errorCode(await book(test, SITE, badSlot))).toBe('slot-unavailable');
    const third = await book(test, SITE);
    expect(third.status).toBe(429);
    expect(errorCode(third)).toBe('rate-limited');
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(3000);
    // Another contact is not held back.
    expect((await book(test, SITE, { email: 'otra@example.org' })).status).toBe(201);
  });
});
