/**
 * The office page's calls to its server (`/office/api/**`, same origin): JSON with the session
 * cookie, every POST with the CSRF token the server gave (`x-csrf-token`). A refusal becomes an
 * `OfficeApiError` whose code the page translates.
 */
import type { z } from 'zod';
import {
  OfficeErrorSchema,
  SessionResponseSchema,
  type OfficeErrorCode,
  type SessionResponse,
} from '../../../src-shared/contract/office';

export class OfficeApiError extends Error {
  constructor(
    readonly code: OfficeErrorCode,
    readonly retryAtMs?: number,
    /** The server's message: a booking refusal's own code (`slot-taken`) for the bookings page. */
    readonly detail = '',
  ) {
    super(code);
  }
}

let csrfToken = '';

async function call<T>(
  schema: z.ZodType<T>,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers:
        method === 'POST' ? { 'content-type': 'application/json', 'x-csrf-token': csrfToken } : {},
      ...(method === 'POST' ? { body: JSON.stringify(body ?? {}) } : {}),
    });
  } catch {
    throw new OfficeApiError('internal');
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = OfficeErrorSchema.safeParse(json);
    if (!parsed.success) throw new OfficeApiError('internal');
    throw new OfficeApiError(
      parsed.data.error.code,
      parsed.data.error.retryAtMs,
      parsed.data.error.message,
    );
  }
  return schema.parse(json);
}

export const officeGet = <T>(schema: z.ZodType<T>, path: string): Promise<T> =>
  call(schema, 'GET', path);

export const officePost = <T>(schema: z.ZodType<T>, path: string, body: unknown): Promise<T> =>
  call(schema, 'POST', path, body);

/** Who is signed in, and a fresh CSRF token for the posts to come. */
export async function loadSession(): Promise<SessionResponse> {
  const session = await officeGet(SessionResponseSchema, '/office/api/session');
  csrfToken = session.csrfToken;
  return session;
}

export async function signIn(username: string, password: string): Promise<SessionResponse> {
  const session = await officePost(SessionResponseSchema, '/office/api/sign-in', {
    username,
    password,
  });
  csrfToken = session.csrfToken;
  return session;
}
