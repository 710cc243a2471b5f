/**
 * How a booking's holder hears of it: the seam between the booking service (which decides) and
 * the channels that tell (e-mail through SMTP; SMS is this same interface, for a town hall's SMS
 * gateway: docs/booking.md). A notifier never decides anything and its failure never undoes a
 * booking: the caller logs it and the citizen still has the confirmation page.
 */
import type { BookingView } from '../../src-shared/contract/booking';

export type BookingNoticeKind = 'confirmed' | 'moved' | 'cancelled';

export interface BookingNotice {
  kind: BookingNoticeKind;
  booking: BookingView;
  /**
   * The page where the holder can see, change or cancel it (carries the manage token). Null when
   * staff changed the booking: the server keeps only the token's hash, so it cannot link to it,
   * and the holder keeps the link of their first confirmation.
   */
  manageUrl: string | null;
  /** Where the holder is reached: at least one of them. */
  email: string | null;
  phone: string | null;
  name: string;
}

export interface BookingNotifier {
  notify(notice: BookingNotice): Promise<void>;
}

/** For a server with no SMTP and no SMS gateway configured: nobody is told but the page. */
export const silentNotifier: BookingNotifier = { notify: () => Promise.resolve() };
