/**
 * The booking confirmation e-mail, sent through a real SMTP server started here (smtp-server on
 * a loopback port, with authentication): the message arrives from the configured sender to the
 * holder, in the booking's language, with the QR inline (decoded from its PNG to a token the
 * kiosk's own verifier accepts) and the booking as a calendar file that reads back with its
 * start. A server that refuses the message is logged and the notifier still resolves.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BookingTokenVerifier } from '../../src-main/checkin/booking-token';
import type { BookingView } from '../../src-shared/contract/booking';
import type { Language } from '../../src-shared/domain/language';
import type { BookingNotice } from '../../server/booking/booking-notifier';
import { silentNotifier } from '../../server/booking/booking-notifier';
import { notifierFor, type ClosableNotifier } from '../../server/booking/notify/notifiers';
import { QR_CONTENT_ID } from '../../server/booking/notify/booking-mail';
import {
  generateSigningKey,
  publicBookingKey,
  signBookingToken,
} from '../../server/booking-tokens';
import { readIcsEvent } from '../support/ics-reader';
import { headerParameter, parseMime, type MimeMessage } from '../support/mime-message';
import { decodeQrPng } from '../support/qr-png';
import { startSmtpInbox, type SmtpInbox } from '../support/smtp-inbox';

const NOW = new Date('2026-11-29T10:00:00Z');
const SITE = 'demo-sac';
const START = '2026-11-30T10:15:00+01:00';
const FROM = 'citas@ayto.example';
const key = generateSigningKey('mail-test');

function booking(overrides: Partial<BookingView> = {}): BookingView {
  const startsAt = overrides.startsAt ?? START;
  return {
    code: 'TRN-7K4P9Q',
    siteId: SITE,
    siteName: 'Oficina de Atención Ciudadana',
    serviceId: 'empadronamiento',
    serviceNames: { es: 'Empadronamiento', en: 'Municipal register' },
    startsAt,
    localDay: '2026-11-30',
    localTime: '10:15',
    slotMinutes: 15,
    status: 'booked',
    language: 'es',
    bookingToken: signBookingToken(key, {
      bid: 'apt-7k4p9q',
      code: 'TRN-7K4P9Q',
      site: SITE,
      svc: 'empadronamiento',
      start: startsAt,
      exp: Math.floor(Date.parse('2026-12-01T00:00:00+01:00') / 1000),
      iat: Math.floor(NOW.getTime() / 1000),
    }),
    ...overrides,
  };
}

const notice = (overrides: Partial<BookingNotice> = {}): BookingNotice => ({
  kind: 'confirmed',
  booking: booking(),
  manageUrl: 'https://turnero.ayto.example/book/m/' + 'a'.repeat(43),
  email: 'vecina@example.org',
  phone: null,
  name: 'Lucía Pérez',
  ...overrides,
});

let inbox: SmtpInbox | undefined;
let notifier: ClosableNotifier | undefined;
afterEach(async () => {
  notifier?.close();
  await inbox?.close();
  inbox = undefined;
  notifier = undefined;
});

async function mailer(options: { refuse?: boolean } = {}) {
  inbox = await startSmtpInbox(options);
  const log: string[] = [];
  notifier = notifierFor({
    smtpUrl: inbox.url,
    mailFrom: `Ayuntamiento <${FROM}>`,
    now: () => NOW,
    log: (line) => log.push(line),
  });
  return { inbox, notifier, log };
}

const partOfType = (message: MimeMessage, type: string) => {
  const part = message.parts.find((candidate) => candidate.type === type);
  if (!part) throw new Error(`no ${type} part`);
  return part;
};

describe('the booking e-mail through a real SMTP server', () => {
  it('delivers a Spanish confirmation with the QR the kiosk accepts and the calendar file', async () => {
    const { inbox, notifier } = await mailer();
    await notifier.notify(notice());
    const received = await inbox.next();
    expect(received.from).toBe(FROM);
    expect(received.to).toEqual(['vecina@example.org']);

    const message = parseMime(received.raw);
    expect(message.headers.get('subject')).toBe(
      'Cita confirmada: Empadronamiento, lunes, 30 de noviembre de 2026 a las 10:15',
    );
    expect(message.headers.get('content-language')).toBe('es');
    expect(message.headers.get('to')).toContain('vecina@example.org');

    const text = partOfType(message, 'text/plain').body.toString('utf8');
    expect(text).toContain('Hola, Lucía Pérez:');
    expect(text).toContain('Código de la cita: TRN-7K4P9Q');
    expect(text).toContain('/book/m/' + 'a'.repeat(43));
    const html = partOfType(message, 'text/html').body.toString('utf8');
    expect(html).toContain('lang="es"');
    expect(html).toContain(`src="cid:${QR_CONTENT_ID}"`);
    expect(html).toContain('alt="Código QR de la cita TRN-7K4P9Q"');

    const qr = partOfType(message, 'image/png');
    expect(qr.headers.get('content-id')).toBe(`<${QR_CONTENT_ID}>`);
    const token = decodeQrPng(qr.body);
    expect(token).toBe(booking().bookingToken);
    const verifier = new BookingTokenVerifier(() => [publicBookingKey(key)]);
    expect(
      verifier.verify(token, { siteId: SITE, now: new Date('2026-11-30T09:00:00Z') }),
    ).toMatchObject({
      ok: true,
      claims: { code: 'TRN-7K4P9Q', site: SITE },
      startsAt: new Date('2026-11-30T09:15:00Z'),
    });

    const calendar = partOfType(message, 'text/calendar');
    expect(headerParameter(calendar.headers.get('content-disposition'), 'filename')).toBe(
      'cita.ics',
    );
    const event = readIcsEvent(calendar.body.toString('utf8'));
    expect(event.start).toEqual(new Date('2026-11-30T09:15:00Z'));
    expect(event.properties.get('DURATION')).toBe('PT15M');
    expect(event.properties.get('STATUS')).toBe('CONFIRMED');
    expect(event.properties.get('LOCATION')).toBe('Oficina de Atención Ciudadana');
    expect(event.properties.get('DESCRIPTION')).toContain('TRN-7K4P9Q');
  });

  it.each<[Language, string, string]>([
    [
      'en',
      'Appointment confirmed: Municipal register, Monday, November 30, 2026 at 10:15',
      'Hello Lucía Pérez,',
    ],
    [
      'fr',
      'Rendez-vous confirmé : Empadronamiento, lundi 30 novembre 2026 à 10:15',
      'Bonjour Lucía Pérez,',
    ],
    [
      'de',
      'Termin bestätigt: Empadronamiento, Montag, 30. November 2026 um 10:15',
      'Hallo Lucía Pérez,',
    ],
  ])('writes a booking made in %s in that language', async (language, subject, greeting) => {
    const { inbox, notifier } = await mailer();
    await notifier.notify(notice({ booking: booking({ language }) }));
    const message = parseMime((await inbox.next()).raw);
    expect(message.headers.get('subject')).toBe(subject);
    expect(message.headers.get('content-language')).toBe(language);
    expect(partOfType(message, 'text/plain').body.toString('utf8')).toContain(greeting);
    expect(partOfType(message, 'text/html').body.toString('utf8')).toContain(`lang="${language}"`);
  });

  it('tells a moved booking its new time, and a cancelled one without a QR', async () => {
    const { inbox, notifier } = await mailer();
    const moved = booking({
      startsAt: '2026-12-02T12:30:00+01:00',
      localDay: '2026-12-02',
      localTime: '12:30',
    });
    await notifier.notify(notice({ kind: 'moved', booking: moved }));
    const movedMessage = parseMime((await inbox.next()).raw);
    expect(movedMessage.headers.get('subject')).toBe(
      'Cita cambiada: Empadronamiento, miércoles, 2 de diciembre de 2026 a las 12:30',
    );
    const movedEvent = readIcsEvent(
      partOfType(movedMessage, 'text/calendar').body.toString('utf8'),
    );
    expect(movedEvent.start).toEqual(new Date('2026-12-02T11:30:00Z'));
    expect(decodeQrPng(partOfType(movedMessage, 'image/png').body)).toBe(moved.bookingToken);
    expect(partOfType(movedMessage, 'text/plain').body.toString('utf8')).toContain('/book/m/');

    // Moved by staff: no manage link (the server keeps only its hash), the rest the same.
    await notifier.notify(notice({ kind: 'moved', booking: moved, manageUrl: null }));
    const byStaff = parseMime((await inbox.next()).raw);
    expect(byStaff.headers.get('subject')).toBe(movedMessage.headers.get('subject'));
    expect(partOfType(byStaff, 'text/plain').body.toString('utf8')).not.toContain('/book/m/');
    expect(partOfType(byStaff, 'text/html').body.toString('utf8')).not.toContain('href=');
    expect(decodeQrPng(partOfType(byStaff, 'image/png').body)).toBe(moved.bookingToken);

    await notifier.notify(
      notice({ kind: 'cancelled', booking: booking({ status: 'cancelled', bookingToken: null }) }),
    );
    const cancelled = parseMime((await inbox.next()).raw);
    expect(cancelled.headers.get('subject')).toMatch(/^Cita anulada: Empadronamiento/);
    expect(cancelled.parts.map((part) => part.type)).not.toContain('image/png');
    expect(partOfType(cancelled, 'text/html').body.toString('utf8')).not.toContain('/book/m/');
    const event = readIcsEvent(partOfType(cancelled, 'text/calendar').body.toString('utf8'));
    expect(event.properties.get('STATUS')).toBe('CANCELLED');
    expect(event.method).toBe('CANCEL');
    // The same UID as the confirmation's: the calendar replaces the event instead of adding one.
    expect(event.properties.get('UID')).toBe('TRN-7K4P9Q@turnero.booking');
  });

  it('logs a message the SMTP server refuses, without the address, and does not throw', async () => {
    const { notifier, log } = await mailer({ refuse: true });
    await expect(notifier.notify(notice())).resolves.toBeUndefined();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/^booking TRN-7K4P9Q: the confirmed e-mail was not sent: .*550/);
    expect(log[0]).not.toContain('vecina@example.org');
  });

  it('sends nothing to a holder who gave only a phone', async () => {
    const { inbox, notifier } = await mailer();
    await notifier.notify(notice({ email: null, phone: '+34 600 000 000' }));
    await notifier.notify(notice({ name: 'Second' }));
    // The first message to arrive is the second notice's: the first sent nothing.
    expect(parseMime((await inbox.next()).raw).headers.get('to')).toContain('Second');
    expect(inbox.messages).toHaveLength(1);
  });
});

describe('the notifier a server gets from its settings', () => {
  it('is the silent notifier without SMTP or SMS, and refuses SMTP without a sender', async () => {
    const silent = notifierFor({ now: () => NOW, log: () => undefined });
    await expect(silent.notify(notice())).resolves.toBeUndefined();
    expect(() =>
      notifierFor({ smtpUrl: 'smtp://127.0.0.1:25', now: () => NOW, log: () => undefined }),
    ).toThrow(/--mail-from/);
    expect(() =>
      notifierFor({ smtpUrl: 'http://x', mailFrom: FROM, now: () => NOW, log: () => undefined }),
    ).toThrow(/smtp/);
    expect(silentNotifier).toBeDefined();
  });

  it("hands a phone holder's notice to the SMS hook, in the booking's language", async () => {
    const sent: [string, string][] = [];
    const sms = notifierFor({
      smsSender: { send: (phone, text) => Promise.resolve(void sent.push([phone, text])) },
      now: () => NOW,
      log: () => undefined,
    });
    await sms.notify(notice({ phone: '+34 600 000 000', booking: booking({ language: 'en' }) }));
    expect(sent).toEqual([
      [
        '+34 600 000 000',
        expect.stringMatching(
          /^Appointment confirmed: Municipal register, .* Booking code: TRN-7K4P9Q\. https:\/\/turnero/,
        ),
      ],
    ]);
  });
});
