/**
 * The SMS hook (docs/booking.md, "SMS"): Turnero ships no SMS gateway, since each town hall has
 * its own contract (an operator's HTTP API, an e-mail-to-SMS bridge). A gateway is an
 * `SmsSender`; `smsNotifier` turns it into a `BookingNotifier` that writes the short text of a
 * notice in the holder's language, and `allNotifiers` tells each holder by every channel.
 */
import type { BookingNotice, BookingNotifier } from '../booking-notifier';
import { formatLocalDay } from '../../../src-shared/domain/booking-texts';
import { bookingTexts, localName } from './booking-texts';

export interface SmsSender {
  /** Sends one text to an international or Spanish number; rejects when the gateway refuses. */
  send(phone: string, text: string): Promise<void>;
}

const SMS_SUBJECT = {
  confirmed: 'mailSubjectConfirmed',
  moved: 'mailSubjectMoved',
  cancelled: 'mailSubjectCancelled',
} as const;

/** The SMS of a notice: its subject line, the booking code and the manage link. */
export function smsText(notice: BookingNotice): string {
  const { booking } = notice;
  const t = bookingTexts(booking.language);
  const subject = t(SMS_SUBJECT[notice.kind], {
    service: localName(booking.serviceNames, booking.language),
    day: formatLocalDay(booking.localDay, booking.language),
    time: booking.localTime,
  });
  const code = `${t('codeLabel')}: ${booking.code}`;
  return notice.kind === 'cancelled' || notice.manageUrl === null
    ? `${subject}. ${code}`
    : `${subject}. ${code}. ${notice.manageUrl}`;
}

export function smsNotifier(sender: SmsSender, log: (line: string) => void): BookingNotifier {
  return {
    notify: async (notice) => {
      if (!notice.phone) return;
      try {
        await sender.send(notice.phone, smsText(notice));
      } catch (error) {
        log(
          `booking ${notice.booking.code}: the ${notice.kind} SMS was not sent: ` +
            (error instanceof Error ? error.message : String(error)),
        );
      }
    },
  };
}

/** Every channel in turn; one failing does not keep the others from telling. */
export const allNotifiers = (notifiers: readonly BookingNotifier[]): BookingNotifier => ({
  notify: async (notice) => {
    await Promise.allSettled(notifiers.map((notifier) => notifier.notify(notice)));
  },
});
