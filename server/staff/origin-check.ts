/**
 * The second line against cross-site requests, besides the CSRF token: a state-changing staff
 * request must come from a page of this server. Chromium sends `Origin` with every POST made by
 * fetch (whatever the Referrer-Policy); a form post under `Referrer-Policy: no-referrer` would
 * send `Origin: null`, which is why the office pages use `same-origin` (office-pages.ts) and the
 * app posts with fetch. Accepted: the configured public origin, or one of the server's own names
 * (host-policy.ts) under the scheme the request came with. `null`, another site, or a
 * `Sec-Fetch-Site` other than same-origin: 403. No Origin and no Sec-Fetch-Site is not a
 * browser, which cannot be driven cross-site, so the CSRF token alone decides.
 */
import type { FastifyRequest } from 'fastify';
import type { OfficeContext } from './office-settings';
import { OfficeHttpError } from './office-errors';

export function isSameOrigin(office: OfficeContext, request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  const fetchSite = request.headers['sec-fetch-site'];
  if (fetchSite !== undefined && fetchSite !== 'same-origin') return false;
  if (origin === undefined) return true;
  const publicOrigin = office.settings.publicOrigin;
  if (publicOrigin !== null && origin === publicOrigin) return true;
  let scheme: string;
  try {
    scheme = new URL(origin).protocol.replace(':', '');
  } catch {
    return false;
  }
  return (
    scheme === request.protocol && office.state.hosts.allowsOrigin(origin, request.headers.host)
  );
}

export function checkSameOrigin(office: OfficeContext, request: FastifyRequest): void {
  if (!isSameOrigin(office, request)) {
    throw new OfficeHttpError(403, 'csrf', 'cross-site requests are refused');
  }
}
