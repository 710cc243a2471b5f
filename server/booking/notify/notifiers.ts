/**
 * The server's booking notifier from its settings: e-mail when an SMTP server is configured
 * (`--smtp`, `--mail-from`), SMS when a gateway is given (the hook of sms-sender.ts), both when
 * both are, and the silent notifier when neither is.
 */
import { silentNotifier, type BookingNotifier } from '../booking-notifier';
import { allNotifiers, smsNotifier, type SmsSender } from './sms-sender';
import { SmtpBookingNotifier } from './smtp-notifier';

export interface NotifierSettings {
  smtpUrl?: string;
  mailFrom?: string;
  smsSender?: SmsSender;
  now: () => Date;
  log: (line: string) => void;
}

export interface ClosableNotifier extends BookingNotifier {
  /** Closes the SMTP connections it pooled. */
  close(): void;
}

export function notifierFor(settings: NotifierSettings): ClosableNotifier {
  const channels: BookingNotifier[] = [];
  let smtp: SmtpBookingNotifier | null = null;
  if (settings.smtpUrl) {
    if (!settings.mailFrom) throw new Error('--smtp needs --mail-from (the sender of the e-mails)');
    const protocol = new URL(settings.smtpUrl).protocol;
    if (protocol !== 'smtp:' && protocol !== 'smtps:') {
      throw new Error(`--smtp ${protocol}…: an smtp:// or smtps:// URL`);
    }
    smtp = new SmtpBookingNotifier({
      smtpUrl: settings.smtpUrl,
      mailFrom: settings.mailFrom,
      now: settings.now,
      log: settings.log,
    });
    channels.push(smtp);
  }
  if (settings.smsSender) channels.push(smsNotifier(settings.smsSender, settings.log));
  const notifier = channels.length <= 1 ? (channels[0] ?? silentNotifier) : allNotifiers(channels);
  return { notify: (notice) => notifier.notify(notice), close: () => smtp?.close() };
}
