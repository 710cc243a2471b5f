/**
 * What a failed request to the town hall means for the sync engine (pure): nobody answered, an
 * outage that ends by itself, a problem of the kiosk itself, or a refusal and which kind of
 * conflict it records for staff.
 */
import type { AuthProblem } from '../../src-shared/contract/townhall-api';
import { BackendError } from '../backend/backend-error';
import type { ConflictKind } from '../store/conflict-repository';

/**
 * A problem of the kiosk, not of what it sends: a credential refused (401), a request forbidden
 * (403), a back end whose setup disagrees with the kiosk's (`misconfigured`). Waiting does not
 * end it and it says nothing about any one check-in: a technician fixes it.
 */
export interface KioskProblem {
  kind: AuthProblem | 'misconfigured';
  /** For the status and the log: what is wrong and what to do, with the answer's text. */
  message: string;
}

export function kioskProblemOf(error: unknown): KioskProblem | null {
  if (!(error instanceof BackendError)) return null;
  if (error.kind === 'misconfigured') return { kind: 'misconfigured', message: error.message };
  if (error.kind !== 'http') return null;
  if (error.status === 401) {
    return {
      kind: 'unauthorized',
      message:
        `unauthorized: the town hall refuses this kiosk's credential (HTTP 401); ` +
        `enrol the kiosk again or fix the back end's token (${error.message})`,
    };
  }
  if (error.status === 403) {
    return {
      kind: 'forbidden',
      message:
        `forbidden: the town hall refuses this kiosk's request (HTTP 403); ` +
        `check the kiosk's id and enrolment (${error.message})`,
    };
  }
  return null;
}

/** No answer at all: the town hall (or the way to it) is down. */
export function isUnreachable(error: unknown): boolean {
  return error instanceof BackendError && (error.kind === 'network' || error.kind === 'timeout');
}

/**
 * The town hall is down or overloaded (no answer, or a gateway saying so): this ends by itself,
 * so it never sets an outbox row aside, however long it lasts.
 */
export function isOutage(error: BackendError): boolean {
  if (error.kind === 'network' || error.kind === 'timeout') return true;
  return error.status !== undefined && [429, 502, 503, 504].includes(error.status);
}

/** The conflict a refusal for good (`error.permanent`) is recorded as. */
export function conflictKindOf(error: BackendError): ConflictKind {
  if (error.status === 409) {
    if (error.code === 'daily-cap-reached') return 'daily-cap-reached';
    if (error.code === 'conflict' && /\bmoved to\b/i.test(error.message)) return 'booking-moved';
    if (error.code === 'conflict' && /cancel/i.test(error.message)) return 'booking-cancelled';
    if (error.code === 'conflict' && /already issued/i.test(error.message)) return 'number-taken';
    if (error.code === 'conflict' && /checked[ -]in/i.test(error.message)) {
      return 'checked-in-elsewhere';
    }
    return 'conflict';
  }
  if (error.status === 422) return 'unknown-appointment';
  return 'rejected';
}
