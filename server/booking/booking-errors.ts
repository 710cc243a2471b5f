/**
 * How the booking API refuses: `{ error: { code, message } }` with a `BookingErrorCode` the page
 * translates (src-shared/contract/booking.ts). The plugins' refusals (rate limit, body schema,
 * a body that is not JSON) and the server's `HttpError`s are mapped to the same shape.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { BookingErrorCode, BookingErrorSchema } from '../../src-shared/contract/booking';
import { HttpError } from '../http-util';

export class BookingHttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: BookingErrorCode,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

function asBookingError(error: FastifyError | Error): BookingHttpError | null {
  if (error instanceof BookingHttpError) return error;
  if (error instanceof HttpError) {
    const code: BookingErrorCode =
      error.code === 'not-found'
        ? 'not-found'
        : error.status === 429
          ? 'rate-limited'
          : 'bad-request';
    return new BookingHttpError(error.status, code, error.message, error.headers);
  }
  const status = (error as FastifyError).statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return new BookingHttpError(status, 'bad-request', error.message);
  }
  return null;
}

export function sendBookingError(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const refusal = asBookingError(error);
  if (!refusal) console.error('booking:', error);
  const answer = refusal ?? new BookingHttpError(500, 'internal', 'internal error');
  const body: z.infer<typeof BookingErrorSchema> = {
    error: { code: answer.code, message: answer.message.slice(0, 500) },
  };
  // An unread request body is not worth draining: answer and close the connection.
  if (!request.raw.complete) reply.header('connection', 'close');
  reply
    .code(answer.statusCode)
    .headers(answer.headers)
    .header('content-type', 'application/json; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(JSON.stringify(body));
}
