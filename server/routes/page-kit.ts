/**
 * What the server's HTML pages share: escaping, their security headers (a strict CSP per page,
 * styles allowed by hash) and the site a page is for.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerState } from '../context';
import { HttpError } from '../http-util';

export const escapeHtml = (value: string): string =>
  value.replace(
    /[&<>"']/g,
    (char) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string,
  );

/** A CSP source allowing exactly this inline text. */
export const cspHash = (text: string): string =>
  `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Answers one page path (its method already checked). */
export type PageHandler = (
  state: ServerState,
  request: FastifyRequest,
  reply: FastifyReply,
  url: URL,
) => void | Promise<void>;

/** Besides the headers helmet gives every page (http/page-routes.ts), the page's own CSP. */
export function sendPage(reply: FastifyReply, html: string, csp: string): void {
  reply
    .code(200)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-security-policy', csp)
    .send(html);
}

/** The site a page is for: `?site=` or the server's first site. */
export async function pageSite(state: ServerState, url: URL): Promise<string> {
  const requested = url.searchParams.get('site');
  const siteId = requested ?? (await state.store.sites.listSiteIds())[0];
  if (!siteId || !(await state.store.sites.hasSite(siteId))) {
    throw new HttpError(404, 'not-found', `site ${requested ?? ''} is not known`);
  }
  return siteId;
}
