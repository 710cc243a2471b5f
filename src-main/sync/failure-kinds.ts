/**
 * What a failed request to the town hall means for the sync engine (pure): nobody answered, an
 * outage that ends by itself, or a refusal and which kind of conflict it records for staff.
 */
import { BackendError } from '../backend/backend-error';
import type { ConflictKind } from '../store/conflict-repository';

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
