/** Small node:http helpers for the reference server: JSON answers, API errors, bounded bodies. */
import type { IncomingMessage, ServerResponse } from 'node:http';
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

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  response.end(text);
}

/** The `ApiError` body of an error (its message cut to 500 characters). */
export const errorBody = (error: HttpError): ApiError => ({
  error: { code: error.code, message: error.message.slice(0, 500) },
});

export function sendError(response: ServerResponse, error: HttpError): void {
  sendJson(response, error.status, errorBody(error), error.headers);
}

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

/** Reads a JSON request body of at most `limit` bytes; a larger one is refused with 413. */
export async function readJsonBody(request: IncomingMessage, limit: number): Promise<unknown> {
  const type = request.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new HttpError(415, 'unsupported-media-type', 'expected content-type application/json');
  }
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) {
    throw new HttpError(413, 'payload-too-large', `body larger than ${limit} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit)
      throw new HttpError(413, 'payload-too-large', `body larger than ${limit} bytes`);
    chunks.push(buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'bad-request', 'body is not valid JSON');
  }
}
