/**
 * How the office API refuses: an `OfficeError` JSON body (src-shared/contract/office.ts) whose
 * code the pages translate. The plugins' own refusals (CSRF, rate limit, body schema) and the
 * server's `HttpError`s are mapped to the same shape.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { OfficeError, OfficeErrorCode } from '../../src-shared/contract/office';
import { HttpError } from '../http-util';

export class OfficeHttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: OfficeErrorCode,
    message: string,
    readonly retryAtMs?: number,
  ) {
    super(message);
  }
}

const fromHttpError = (error: HttpError): OfficeHttpError =>
  new OfficeHttpError(
    error.status,
    error.code === 'not-found' ? 'not-found' : error.status === 409 ? 'conflict' : 'bad-request',
    error.message,
  );

function asOfficeError(error: FastifyError | Error): OfficeHttpError | null {
  if (error instanceof OfficeHttpError) return error;
  if (error instanceof HttpError) return fromHttpError(error);
  const fastifyError = error as FastifyError;
  if (fastifyError.code?.startsWith('FST_CSRF_')) {
    return new OfficeHttpError(403, 'csrf', 'the page is out of date: reload it');
  }
  const status = fastifyError.statusCode ?? 500;
  if (status === 429) return new OfficeHttpError(429, 'rate-limited', error.message);
  if (status >= 400 && status < 500)
    return new OfficeHttpError(status, 'bad-request', error.message);
  return null;
}

export function sendOfficeError(
  error: FastifyError | Error,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  const officeError = asOfficeError(error);
  if (!officeError) console.error('office:', error);
  const refusal = officeError ?? new OfficeHttpError(500, 'internal', 'internal error');
  const body: OfficeError = {
    error: {
      code: refusal.code,
      message: refusal.message.slice(0, 500),
      ...(refusal.retryAtMs !== undefined ? { retryAtMs: refusal.retryAtMs } : {}),
    },
  };
  reply
    .code(refusal.statusCode)
    .header('content-type', 'application/json; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(JSON.stringify(body));
}
