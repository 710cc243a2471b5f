/**
 * A staff browser over real HTTP for the office API's tests: it keeps the session cookie, sends
 * the CSRF token the server gave in `x-csrf-token`, and can sign in. Like a script, it sends no
 * Origin unless told (the browser's behaviour is tested in Chromium: tests/e2e/office-*.spec.ts).
 */
import type { TurneroServer } from '../../server/server';

export interface StaffAnswer {
  status: number;
  body: unknown;
  setCookie: string[];
}

export class StaffClient {
  cookie = '';
  csrfToken = '';

  constructor(private readonly server: Pick<TurneroServer, 'url'>) {}

  async send(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<StaffAnswer> {
    const response = await fetch(this.server.url + path, {
      method,
      redirect: 'manual',
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
        ...(method === 'POST' && this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}),
        ...headers,
      },
      ...(method === 'POST' ? { body: JSON.stringify(body ?? {}) } : {}),
    });
    const setCookie = response.headers.getSetCookie();
    for (const line of setCookie) this.cookie = line.split(';')[0] ?? '';
    const text = await response.text();
    const parsed: unknown = /json/.test(response.headers.get('content-type') ?? '')
      ? JSON.parse(text)
      : text;
    return { status: response.status, body: parsed, setCookie };
  }

  /** Opens a session (GET /office/api/session) and keeps its CSRF token. */
  async openSession(): Promise<StaffAnswer> {
    const answer = await this.send('GET', '/office/api/session');
    this.csrfToken = (answer.body as { csrfToken: string }).csrfToken;
    return answer;
  }

  async signIn(username: string, password: string): Promise<StaffAnswer> {
    if (!this.csrfToken) await this.openSession();
    const answer = await this.send('POST', '/office/api/sign-in', { username, password });
    if (answer.status === 200) this.csrfToken = (answer.body as { csrfToken: string }).csrfToken;
    return answer;
  }
}

export const errorOf = (answer: StaffAnswer): string | undefined =>
  (answer.body as { error?: { code?: string } } | null)?.error?.code;
