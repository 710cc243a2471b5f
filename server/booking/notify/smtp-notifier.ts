/**
 * Tells a booking's holder by e-mail through the town hall's SMTP server (nodemailer). Only a
 * notice with an e-mail address is sent. A refused or failed send is logged (the booking code
 * and the server's answer, never the citizen's address or name) and swallowed: the booking
 * stands and the citizen still has the confirmation page (booking-notifier.ts).
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { BookingNotice, BookingNotifier } from '../booking-notifier';
import { composeBookingMail } from './booking-mail';

export interface SmtpNotifierSettings {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465` (TLS from the start). */
  smtpUrl: string;
  /** The sender: `Ayuntamiento <citas@ayto.example>`. */
  mailFrom: string;
  now: () => Date;
  log: (line: string) => void;
}

export class SmtpBookingNotifier implements BookingNotifier {
  private readonly transport: Transporter;

  constructor(private readonly settings: SmtpNotifierSettings) {
    this.transport = nodemailer.createTransport(settings.smtpUrl);
  }

  async notify(notice: BookingNotice): Promise<void> {
    if (!notice.email) return;
    try {
      const mail = await composeBookingMail(notice, this.settings.now());
      await this.transport.sendMail({
        from: this.settings.mailFrom,
        to: { name: notice.name, address: notice.email },
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        attachments: mail.attachments,
        headers: {
          'Content-Language': notice.booking.language,
          'Auto-Submitted': 'auto-generated',
        },
      });
    } catch (error) {
      this.settings.log(
        `booking ${notice.booking.code}: the ${notice.kind} e-mail was not sent: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  close(): void {
    this.transport.close();
  }
}
