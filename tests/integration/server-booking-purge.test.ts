/**
 * The purge of bookings' personal data (server/booking/booking-purge.ts through the retention
 * job) on the injected clock, on SQLite and on the server-postgres pass on PostgreSQL: kept up
 * to `purgeAfterDays` after its date, then the holder's data and the DNI/NIE hash are gone while
 * the appointment (no personal data) stays for the kiosks and the statistics.
 */
import { describe, expect, it } from 'vitest';
import { BookingConfirmationSchema } from '../../src-shared/contract/booking';
import { book, bookingServerOptions } from './booking-kit';
import { CITIZEN_ID, movableClock, request, serversClosedAfterEach, SITE } from './server-kit';

const startServer = serversClosedAfterEach();

describe('the purge of bookings', () => {
  it('erases a booking’s personal data purgeAfterDays after its date, and keeps the appointment', async () => {
    const clock = movableClock();
    const lines: string[] = [];
    const test = await startServer(
      bookingServerOptions({
        now: clock.now,
        retentionCheckIntervalMs: 20,
        log: (line) => lines.push(line),
      }),
    );
    // Booked for Wednesday 11 and Friday 13 February; the kit's policy purges 7 days after.
    const early = await book(test, SITE, { serviceId: 'padron', citizenId: CITIZEN_ID });
    const late = await book(test, SITE, {
      email: 'otra@example.org',
      startsAt: '2026-02-13T08:00:00.000Z',
    });
    expect([early.status, late.status]).toEqual([201, 201]);
    const purged = BookingConfirmationSchema.parse(early.body);
    const kept = BookingConfirmationSchema.parse(late.body);
    const view = (token: string) => request(test.server, 'GET', `/book/api/bookings/${token}`);
    const stored = async (code: string) =>
      (await test.server.admin.listAppointments(SITE)).find((entry) => entry.code === code);
    expect((await stored(purged.booking.code))?.citizenIdHash).toBeTruthy();

    // Thursday 19 February, 00:30 in Madrid: the 11th is more than 7 days past, the 13th not.
    clock.set('2026-02-18T23:30:00.000Z');
    await expect.poll(() => lines.join('\n')).toMatch(/purged the personal data of 1 bookings/);
    expect((await view(purged.manageToken)).status).toBe(404);
    expect((await view(kept.manageToken)).status).toBe(200);
    const appointment = await stored(purged.booking.code);
    expect(appointment).toMatchObject({
      code: purged.booking.code,
      serviceId: 'padron',
      status: 'booked',
    });
    expect(appointment?.citizenIdHash ?? null).toBeNull();

    // Saturday 21 February, 00:30: the 13th goes too.
    clock.set('2026-02-20T23:30:00.000Z');
    await expect.poll(() => lines.filter((line) => line.includes('purged')).length).toBe(2);
    expect((await view(kept.manageToken)).status).toBe(404);
    expect(await stored(kept.booking.code)).toBeDefined();
  });
});
