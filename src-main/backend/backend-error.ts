/**
 * How a call to a back end fails, whatever back end it is: a `kind` (and for refusals the HTTP
 * `status` and the contract's error `code`), so the sync engine decides on retries from data,
 * never by parsing messages.
 */
import type { ApiErrorCode } from '../../src-shared/contract/townhall-api';

export type BackendErrorKind =
  /** No answer: refused, reset, DNS, TLS, or the connection dropped mid-body. */
  | 'network'
  | 'timeout'
  /** An HTTP error status; `status` and (when the body was an ApiError) `code` tell which. */
  | 'http'
  /** A 2xx answer that is not JSON or does not match the contract. */
  | 'malformed'
  | 'too-large'
  /**
   * The back end answers, but its setup and the kiosk's disagree (e.g. time zones): nothing is
   * pulled or pushed until a technician fixes it, and no outbox row is set aside meanwhile.
   */
  | 'misconfigured';

const PERMANENT_STATUSES = new Set([400, 409, 413, 415, 422]);

export class BackendError extends Error {
  constructor(
    readonly kind: BackendErrorKind,
    message: string,
    readonly status?: number,
    readonly code?: ApiErrorCode,
  ) {
    super(message);
    this.name = 'BackendError';
  }

  /**
   * True when the town hall has refused the request for good: the same request would be refused
   * again (invalid request, conflict, too large, wrong media type). 404 is not among them: a
   * wrong site id is a configuration fault a technician fixes, after which retries succeed.
   */
  get permanent(): boolean {
    return this.kind === 'http' && PERMANENT_STATUSES.has(this.status ?? 0);
  }
}
