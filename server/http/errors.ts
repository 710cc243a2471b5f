/**
 * How every refusal is answered: an `ApiError` JSON body with the error's status and headers.
 * The server's own `HttpError`s go out as they are; what Fastify itself refuses (a malformed
 * URL, an invalid Content-Type, a body that fails its schema) is mapped to the same codes and
 * messages the API has always used. Anything else is a bug: logged, and answered 500 without
 * details.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody, HttpError } from '../http-util';
import { dropConnection } from './drop';

interface IssueLike {
  instancePath?: string;
  message?: string;
}

/** `field: problem; field: problem`, from the zod issues of a failed schema (as `describeIssues`). */
export function schemaError(issues: readonly IssueLike[], dataVar: string): HttpError {
  const text = issues
    .map((issue) => {
      const path = (issue.instancePath ?? '').split('/').filter(Boolean).join('.');
      return `${dataVar}.${path || '(root)'}: ${issue.message ?? 'invalid'}`;
    })
    .join('; ')
    .slice(0, 480);
  return new HttpError(400, 'bad-request', text);
}

/** The request's path, as the API's messages name it. */
export const pathnameOf = (request: FastifyRequest): string =>
  new URL(request.raw.url ?? '/', 'http://townhall.invalid').pathname;

/** The server's error for what Fastify refused, or null for what is not a refusal but a bug. */
function asHttpError(error: FastifyError, request: FastifyRequest): HttpError | null {
  if (error instanceof HttpError) return error;
  if (error.code === 'FST_ERR_BAD_URL') {
    return new HttpError(404, 'not-found', `no such endpoint: ${pathnameOf(request)}`);
  }
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    const message = request.routeOptions.config.unsupportedMediaType ?? 'unsupported media type';
    return new HttpError(415, 'unsupported-media-type', message);
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return new HttpError(status, 'bad-request', error.message);
  return null;
}

export function sendApiError(reply: FastifyReply, error: HttpError): void {
  // An unread request body is not worth draining: answer and close the connection.
  if (!reply.request.raw.complete) reply.header('connection', 'close');
  reply
    .code(error.status)
    .headers(error.headers)
    .header('content-type', 'application/json; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(JSON.stringify(errorBody(error)));
}

/** The server's error handler (also for Fastify's framework errors). */
export function handleError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const httpError = asHttpError(error, request);
  if (!httpError) console.error('townhall-api:', error);
  // A write whose answer the fault injector drops after processing: refusals are dropped too.
  if (
    httpError &&
    request.faultDecision?.drop === 'after' &&
    request.apiContext &&
    !request.routeOptions.config.stream
  ) {
    dropConnection(reply);
    return;
  }
  sendApiError(
    reply,
    httpError ?? new HttpError(500, 'internal', 'internal error; see the server log'),
  );
}
