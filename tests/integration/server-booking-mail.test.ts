/**
 * The booking API and the confirmation e-mail together, on a real server and a real SMTP server
 * (smtp-server on a loopback port): a booking made through `/book/api` is mailed to its holder
 * with the QR of its booking token and its calendar file; the calendar route gives the same
 * booking by its manage token; a cancellation is mailed too and the calendar file says so; and
 * an SMTP server that refuses the message is logged while the booking stands.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { BookingConfirmation } from '../../src-shared/contract/booking';
import { readIcsEvent } from '../support/ics-reader';
import { parseMime } from '../support/mime-message';
import { decodeQrPng } from '../support/qr-png';
import { startSmtpInbox, type SmtpInbox } from '../support/smtp-inbox';
import { book, bookingServerOptions, SLOT } from './booking-kit';
import { request, serversClosedAfterEach, SITE } from './server-kit';

const startServer = serversClosedAfterEach();
let inbox: SmtpInbox | undefined;
afterEach(async () => {
  await inbox?.close();
  inbox = undefined;
});

const calendarPath = (token: string) => `/book/api/bookings/${token}/calendar.ics`;

describe('booking e-mails from the booking API', () => {
  it('mails the confirmation and the cancellation, and serves the calendar file', async () => {
    inbox = await startSmtpInbox();
    const test = await startServer(
      bookingServerOptions({ smtpUrl: inbox.url, mailFrom: 'citas@prueba.example' }),
    );
    const booked = await book(test, SITE);
    expect(booked.status).toBe(201);
    const { booking, manageToken } = booked.body as BookingConfirmation;

    const confirmation = parseMime((await inbox.next()).raw);
    expect(confirmation.headers.get('subject')).toMatch(/^Cita confirmada: /);
    const qr = confirmation.parts.find((part) => part.type === 'image/png');
    expect(decodeQrPng(qr?.body ?? Buffer.alloc(0))).toBe(booking.bookingToken);
    expect(
      confirmation.parts.find((part) => part.type === 'text/plain')?.body.toString('utf8'),
    ).toContain(`/book/m/${manageToken}`);

    const calendar = await fetch(test.server.url + calendarPath(manageToken));
    expect(calendar.status).toBe(200);
    expect(calendar.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const event = readIcsEvent(await calendar.text());
    expect(event.start).toEqual(new Date(SLOT));
    expect(event.properties.get('DESCRIPTION')).toContain(booking.code);

    const cancelled = await request(
      test.server,
      'POST',
      `/book/api/bookings/${manageToken}/cancel`,
    );
    expect(cancelled.status).toBe(200);
    const cancellation = parseMime((await inbox.next()).raw);
    expect(cancellation.headers.get('subject')).toMatch(/^Cita anulada: /);
    const after = readIcsEvent(
      await (await fetch(test.server.url + calendarPath(manageToken))).text(),
    );
    expect(after.properties.get('STATUS')).toBe('CANCELLED');
  });

  it('answers an unknown or malformed manage token like the booking API', async () => {
    const test = await startServer(bookingServerOptions());
    for (const token of ['B'.repeat(43), 'short']) {
      const answer = await request(test.server, 'GET', calendarPath(token));
      expect(answer.status).toBe(404);
      expect(answer.body).toMatchObject({ error: { code: 'not-found' } });
    }
  });

  it('keeps the booking when the SMTP server refuses the message, and logs it', async () => {
    inbox = await startSmtpInbox({ refuse: true });
    const log: string[] = [];
    const test = await startServer(
      bookingServerOptions({
        smtpUrl: inbox.url,
        mailFrom: 'citas@prueba.example',
        log: (line) => log.push(line),
      }),
    );
    const booked = await book(test, SITE);
    expect(booked.status).toBe(201);
    const { booking, manageToken } = booked.body as BookingConfirmation;
    await expect
      .poll(() => log.join('\n'))
      .toMatch(new RegExp(`booking ${booking.code}: the confirmed e-mail was not sent: .*550`));
    const view = await request(test.server, 'GET', `/book/api/bookings/${manageToken}`);
    expect(view.body).toMatchObject({ code: booking.code, status: 'booked' });
  });
});
