/**
 * The request bodies the server reads, as Fastify content-type parsers registered for every
 * type ('*') so that the answer to a wrong one is the server's own ApiError (415), and a body is
 * read (bounded: 413 past the limit, from Content-Length or while reading) only once the route's
 * earlier checks passed. The API takes JSON; the staff page takes its small urlencoded form.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { HttpError } from '../http-util';

export const JSON_ONLY = 'expected content-type application/json';

/**
 * A body read whole that is not JSON: refused after parsing (preValidation), not by the parser,
 * since Fastify closes the connection on any parser error and this one left nothing unread.
 */
export class RejectedBody {
  constructor(readonly error: HttpError) {}
}
export const FORM_ONLY = 'expected a form post';

/** Reads at most `limit` bytes of a body; one larger is refused with 413 `message`. */
async function readBounded(
  request: FastifyRequest,
  payload: Readable,
  limit: number,
  message: string,
): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) throw new HttpError(413, 'payload-too-large', message);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of payload) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw new HttpError(413, 'payload-too-large', message);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Every body of this scope is JSON of at most `limit` bytes. */
export function acceptJsonBodies(app: FastifyInstance, limit: number): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', async (request: FastifyRequest, payload: Readable) => {
    if (!/^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '')) {
      throw new HttpError(415, 'unsupported-media-type', JSON_ONLY);
    }
    const text = (
      await readBounded(request, payload, limit, `body larger than ${limit} bytes`)
    ).toString('utf8');
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return new RejectedBody(new HttpError(400, 'bad-request', 'body is not valid JSON'));
    }
  });
}

/** Every body of this scope is an urlencoded form of at most `limit` bytes. */
export function acceptFormBodies(app: FastifyInstance, limit: number): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', async (request: FastifyRequest, payload: Readable) => {
    if (
      !/^application\/x-www-form-urlencoded\s*(;|$)/i.test(request.headers['content-type'] ?? '')
    ) {
      throw new HttpError(415, 'unsupported-media-type', FORM_ONLY);
    }
    const body = await readBounded(request, payload, limit, 'form too large');
    return new URLSearchParams(body.toString('utf8'));
  });
}
