/**
 * The confirmation e-mail of a booking notice, in the holder's language: a plain-text part and a
 * simple HTML part (one column, real headings, a table of the details with header cells, the QR
 * with its text alternative, a link with a descriptive name), the booking's QR as an inline PNG
 * (`cid:`) holding exactly the signed booking token the kiosk verifies (docs/booking-token.md),
 * and the booking as an attached calendar file. A cancelled booking has no QR.
 */
import QRCode from 'qrcode';
import type { BookingNotice } from '../booking-notifier';
import { formatLocalDay } from '../../../src-shared/domain/booking-texts';
import { escapeHtml } from '../../routes/page-kit';
import { bookingIcs } from './booking-ics';
import { bookingTexts, localName, type BookingTextKey } from './booking-texts';

export const QR_CONTENT_ID = 'booking-qr@turnero';
export const ICS_FILE_NAME = 'cita.ics';

export interface BookingMail {
  subject: string;
  text: string;
  html: string;
  attachments: {
    filename: string;
    content: Buffer | string;
    contentType: string;
    cid?: string;
    contentDisposition?: 'inline' | 'attachment';
  }[];
}

const SUBJECTS: Record<BookingNotice['kind'], BookingTextKey> = {
  confirmed: 'mailSubjectConfirmed',
  moved: 'mailSubjectMoved',
  cancelled: 'mailSubjectCancelled',
};
const INTROS: Record<BookingNotice['kind'], BookingTextKey> = {
  confirmed: 'mailIntroConfirmed',
  moved: 'mailIntroMoved',
  cancelled: 'mailIntroCancelled',
};

/** The QR as a PNG: margin and module size a phone camera and the kiosk scanner both read. */
export const bookingQrPng = (token: string): Promise<Buffer> =>
  QRCode.toBuffer(token, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 6 });

export async function composeBookingMail(notice: BookingNotice, now: Date): Promise<BookingMail> {
  const { booking } = notice;
  const language = booking.language;
  const t = bookingTexts(language);
  const service = localName(booking.serviceNames, language);
  const day = formatLocalDay(booking.localDay, language);
  const office = booking.siteName;
  const token = notice.kind === 'cancelled' ? null : booking.bookingToken;
  const details: [string, string][] = [
    [t('officeLabel'), office],
    [t('serviceLabel'), service],
    [t('dayLabel'), day],
    [t('timeLabel'), booking.localTime],
    [t('codeLabel'), booking.code],
  ];

  // A cancelled booking has nothing left to manage.
  const manageUrl = notice.kind === 'cancelled' ? null : notice.manageUrl;
  const text = [
    t('mailGreeting', { name: notice.name }),
    '',
    t(INTROS[notice.kind], { office }),
    '',
    ...details.map(([label, value]) => `${label}: ${value}`),
    '',
    ...(token ? [t('mailQrHelp'), ''] : []),
    ...(manageUrl === null ? [] : [`${t('mailManage')}: ${manageUrl}`, '']),
    t('mailCalendar'),
    '',
    '-- ',
    t('mailFooter', { office }),
  ].join('\n');

  const e = escapeHtml;
  const rows = details
    .map(
      ([label, value]) =>
        `<tr><th scope="row" align="left">${e(label)}</th><td>${e(value)}</td></tr>`,
    )
    .join('');
  const html = [
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8">`,
    `<title>${e(t(SUBJECTS[notice.kind], { service, day, time: booking.localTime }))}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff">',
    `<p>${e(t('mailGreeting', { name: notice.name }))}</p>`,
    `<h1 style="font-size:22px">${e(t(INTROS[notice.kind], { office }))}</h1>`,
    `<table role="presentation" cellpadding="4">${rows}</table>`,
    token
      ? `<p><img src="cid:${QR_CONTENT_ID}" alt="${e(t('mailQrAlt', { code: booking.code }))}" width="240" height="240"></p>` +
        `<p>${e(t('mailQrHelp'))}</p>`
      : '',
    manageUrl === null
      ? ''
      : `<p><a href="${e(manageUrl)}" style="color:#0b4f8a">${e(t('mailManage'))}</a></p>`,
    `<p>${e(t('mailCalendar'))}</p>`,
    `<p style="color:#4a4a4a;font-size:14px">${e(t('mailFooter', { office }))}</p>`,
    '</body></html>',
  ].join('');

  const ics = bookingIcs(booking, {
    now,
    ...(manageUrl === null ? {} : { manageUrl }),
  });
  return {
    subject: t(SUBJECTS[notice.kind], { service, day, time: booking.localTime }),
    text,
    html,
    attachments: [
      ...(token
        ? [
            {
              filename: 'cita-qr.png',
              content: await bookingQrPng(token),
              contentType: 'image/png',
              cid: QR_CONTENT_ID,
              contentDisposition: 'inline' as const,
            },
          ]
        : []),
      {
        filename: ICS_FILE_NAME,
        content: ics,
        contentType: `text/calendar; charset=utf-8; method=${notice.kind === 'cancelled' ? 'CANCEL' : 'PUBLISH'}`,
        contentDisposition: 'attachment',
      },
    ],
  };
}
