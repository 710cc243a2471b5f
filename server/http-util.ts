/** Small helpers of the reference server: API errors, client addresses, zod issue messages. */
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import type { ApiError, ApiErrorCode } from '../src-shared/contract/townhall-api';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    /** Sent with the answer, e.g. `retry-after`. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** 429 or 503 with `Retry-After` in whole seconds (at least 1). */
export function retryLater(
  status: 429 | 503,
  code: ApiErrorCode,
  message: string,
  retryAfterMs: number,
): HttpError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new HttpError(status, code, message, { 'retry-after': String(seconds) });
}

/** The `ApiError` body of an error (its message cut to 500 characters). */
export const errorBody = (error: HttpError): ApiError => ({
  error: { code: error.code, message: error.message.slice(0, 500) },
});

/**
 * The address of the client at the other end of the socket, as one key per client: an IPv4
 * client seen through an IPv6 socket (`::ffff:127.0.0.2`) is `127.0.0.2`. Behind a reverse
 * proxy every client has the proxy's address.
 */
export function clientAddress(request: IncomingMessage): string {
  const address = request.socket.remoteAddress ?? 'unknown';
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

/** `field: problem; field: problem`, short enough for an ApiError message. */
export function describeIssues(error: z.ZodError, prefix = ''): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      return `${prefix}${path || '(root)'}: ${issue.message}`;
    })
    .join('; ')
    .slice(0, 480);
}
