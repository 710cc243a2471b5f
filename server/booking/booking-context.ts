/**
 * What the booking routes share (docs/booking.md): the server's state, the notifier, the proof
 * of work, the per-contact attempt throttle, the abuse limits and the origin manage links are
 * made with. Made once per server (server.ts).
 */
import type { BookingNotice, BookingNotifier } from './booking-notifier';
import type { ServerState } from '../context';
import { FailureThrottle } from '../failure-throttle';
import { ProofOfWork } from './proof-of-work';

export interface BookingLimits {
  /** Requests per minute one client may make to the booking API as a whole. */
  requestsPerMinute: number;
  /** Booking attempts (POST) per minute one client may make. */
  bookingsPerMinute: number;
  /** Proof-of-work challenges per minute one client may ask for. */
  challengesPerMinute: number;
  /** Booking attempts per hour for one e-mail or phone, from any client. */
  attemptsPerContactPerHour: number;
}

export const DEFAULT_BOOKING_LIMITS: BookingLimits = {
  requestsPerMinute: 300,
  bookingsPerMinute: 10,
  challengesPerMinute: 30,
  attemptsPerContactPerHour: 10,
};

export interface BookingOptions extends Partial<BookingLimits> {
  /** Signs the proof-of-work challenges; a random key per start by default. */
  proofHmacKey?: string;
  /** Work of a challenge: up to this many SHA-256 hashes (50 000: about a second on a phone). */
  proofMaxCounter?: number;
}

export interface BookingContext {
  state: ServerState;
  notifier: BookingNotifier;
  proof: ProofOfWork;
  contactAttempts: FailureThrottle;
  limits: BookingLimits;
  /** Believe X-Forwarded-For for the per-client limits (the office's trustProxy). */
  trustProxy: boolean | string;
  /** The origin citizens reach the server under (public origin, else its own URL). */
  publicOrigin: () => string;
}

export function bookingContext(
  state: ServerState,
  notifier: BookingNotifier,
  options: BookingOptions,
  trustProxy: boolean | string,
  publicOrigin: () => string,
): BookingContext {
  const limits = { ...DEFAULT_BOOKING_LIMITS, ...options };
  return {
    state,
    notifier,
    proof: new ProofOfWork({
      now: state.now,
      ...(options.proofHmacKey !== undefined ? { hmacKey: options.proofHmacKey } : {}),
      ...(options.proofMaxCounter !== undefined ? { maxCounter: options.proofMaxCounter } : {}),
    }),
    contactAttempts: new FailureThrottle({
      limit: limits.attemptsPerContactPerHour,
      windowMs: 60 * 60_000,
      now: state.now,
    }),
    limits,
    trustProxy,
    publicOrigin,
  };
}

/** The holder's page for a booking: it carries the manage token. */
export const manageUrl = (context: BookingContext, manageToken: string): string =>
  `${context.publicOrigin()}/book/m/${manageToken}`;

/**
 * Tells the holder, after the change committed; a failure is logged and changes nothing (the
 * holder still has the confirmation page). Not waited for: a slow mail server must not hold the
 * citizen's answer.
 */
export function notifyHolder(context: BookingContext, notice: BookingNotice): void {
  void context.notifier.notify(notice).catch((error: unknown) => {
    context.state.log(
      `booking: telling the holder of ${notice.booking.code} (${notice.kind}) failed: ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  });
}
