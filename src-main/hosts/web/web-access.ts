/**
 * Who may talk to the web host. A page proves the installation's secret either with the session
 * cookie (set when the browser the host opened follows its one-time launch address, so the secret
 * never appears on a command line or in the browser's history) or with `?token=` (the address the
 * CLI prints, for operators and tests). Either way the Origin must be the host's own.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'turnero-session';

/** How long a launch address stays usable: long enough for a slow Chromium start. */
export const LAUNCH_TOKEN_TTL_MS = 60_000;

export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The value of cookie `name` in a Cookie header, or null. */
export function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator === -1) continue;
    if (part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return null;
}

/** A session cookie (no expiry: Chromium keeps it in memory, never in the profile on disk). */
export function sessionCookie(secret: string): string {
  return `${SESSION_COOKIE}=${secret}; HttpOnly; SameSite=Strict; Path=/`;
}

/** Whether a request carries the installation's secret (session cookie or `?token=`). */
export function provesSecret(request: IncomingMessage, secret: string): boolean {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const token = url.searchParams.get('token');
  const cookie = cookieValue(request.headers.cookie, SESSION_COOKIE);
  return (
    (token !== null && sameSecret(token, secret)) || (cookie !== null && sameSecret(cookie, secret))
  );
}

/** Why a WebSocket upgrade is refused, or null when the page proved the secret from our origin. */
export function upgradeRefusal(
  request: IncomingMessage,
  secret: string,
  allowedOrigins: readonly string[],
): string | null {
  if (!provesSecret(request, secret)) return 'a wrong or missing token or session cookie';
  const origin = request.headers.origin ?? '';
  if (!allowedOrigins.includes(origin)) return `origin ${origin || '(none)'}`;
  return null;
}

/** One-time launch tokens: each is accepted once, within its lifetime. */
export class LaunchTokens {
  private readonly expiries = new Map<string, number>();

  constructor(
    private readonly ttlMs = LAUNCH_TOKEN_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  issue(): string {
    this.forgetExpired();
    const token = randomBytes(24).toString('base64url');
    this.expiries.set(token, this.now() + this.ttlMs);
    return token;
  }

  /** True once for a token this issued and that has not expired; false ever after. */
  consume(token: string): boolean {
    this.forgetExpired();
    const valid = this.expiries.has(token);
    this.expiries.delete(token);
    return valid;
  }

  private forgetExpired(): void {
    const now = this.now();
    for (const [token, expiry] of this.expiries) if (expiry <= now) this.expiries.delete(token);
  }
}

/**
 * Why a download (`/technician/download/<token>`) is refused, or null. A download is a plain GET
 * (no Origin header): it must prove the secret like the socket, and a browser that says where
 * the request comes from must say it is our own page, never another site.
 */
export function downloadRefusal(request: IncomingMessage, secret: string): string | null {
  if (!provesSecret(request, secret)) return 'a wrong or missing token or session cookie';
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return `a ${site} request`;
  return null;
}
