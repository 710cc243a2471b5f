/**
 * One JSON request to a back end (our Town Hall API, or another booking system's for an
 * adapter), bounded in time and size, with the answer validated before anyone sees it.
 * Everything that can go wrong becomes a BackendError with a `kind`, so callers decide on retry
 * from data, not from parsing messages.
 */
import type { z } from 'zod';
import { ApiErrorSchema } from '../../src-shared/contract/townhall-api';
import { errorText } from '../logging/error-text';
import { BackendError } from './backend-error';

export interface HttpRequest<T> {
  method: 'GET' | 'POST' | 'PUT';
  url: URL;
  headers?: Record<string, string>;
  body?: unknown;
  /** Statuses that carry a successful answer, each validated with `schema`. */
  okStatuses: readonly number[];
  schema: z.ZodType<T>;
}

export interface HttpResponse<T> {
  status: number;
  data: T;
  /** The server's Date header, when it sent a valid one. */
  serverDate: Date | null;
}

/** 4 MiB: 5000 appointments fit comfortably. */
export const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

export interface HttpClientOptions {
  timeoutMs: number;
  maxResponseBytes: number;
  fetch?: typeof fetch;
}

async function readLimited(response: Response, limit: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > limit) {
    await response.body?.cancel();
    throw new BackendError('too-large', `answer of ${declared} bytes exceeds ${limit}`);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new BackendError('too-large', `answer exceeds ${limit} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const describeZod = (error: z.ZodError): string =>
  error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ');

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function createHttpClient(options: HttpClientOptions) {
  const doFetch = options.fetch ?? fetch;

  async function request<T>(spec: HttpRequest<T>): Promise<HttpResponse<T>> {
    const signal = AbortSignal.timeout(options.timeoutMs);
    const what = `${spec.method} ${spec.url.pathname}`;
    try {
      const response = await doFetch(spec.url, {
        method: spec.method,
        headers: {
          accept: 'application/json',
          ...(spec.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...spec.headers,
        },
        ...(spec.body !== undefined ? { body: JSON.stringify(spec.body) } : {}),
        // The API never redirects; following one could send a check-in somewhere else.
        redirect: 'error',
        signal,
      });
      const text = await readLimited(response, options.maxResponseBytes);
      const dateHeader = response.headers.get('date');
      const serverDate = dateHeader ? new Date(dateHeader) : null;
      const json = parseJson(text);
      if (!spec.okStatuses.includes(response.status)) {
        const apiError = ApiErrorSchema.safeParse(json);
        if (apiError.success) {
          throw new BackendError(
            'http',
            `${what}: ${response.status} ${apiError.data.error.code}: ${apiError.data.error.message}`,
            response.status,
            apiError.data.error.code,
          );
        }
        throw new BackendError('http', `${what}: HTTP ${response.status}`, response.status);
      }
      if (json === undefined) throw new BackendError('malformed', `${what}: answer is not JSON`);
      const parsed = spec.schema.safeParse(json);
      if (!parsed.success) {
        throw new BackendError(
          'malformed',
          `${what}: answer does not match the contract (${describeZod(parsed.error)})`,
        );
      }
      return {
        status: response.status,
        data: parsed.data,
        serverDate: serverDate && !Number.isNaN(serverDate.getTime()) ? serverDate : null,
      };
    } catch (error) {
      if (error instanceof BackendError) throw error;
      if (signal.aborted) {
        throw new BackendError('timeout', `${what}: no answer within ${options.timeoutMs} ms`);
      }
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      const detail = errorText(cause);
      throw new BackendError('network', `${what}: ${detail}`);
    }
  }

  return { request };
}

export type HttpClient = ReturnType<typeof createHttpClient>;
