/**
 * The two pages of the reference server, server-rendered, in Spanish, without external assets:
 * the staff page (`staff-page.ts`) and the waiting room's screen (`screen-page.ts`).
 *
 * A strict CSP goes with every page: styles are allowed by hash, the only script is a file of
 * this server, forms may post only here and nothing may frame the pages. These pages have no
 * login: run the server on loopback, or behind the town hall's own staff authentication.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerState } from '../context';
import { HttpError } from '../http-util';
import type { PageHandler } from './page-kit';
import { openScreenStream, serveScreenPage, serveScreenScript } from './screen-page';
import { postStaffCallNext, serveStaffPage } from './staff-page';

/** Path → the one method it answers and its handler. */
const PAGES = new Map<string, { method: 'GET' | 'POST'; handle: PageHandler }>([
  ['/staff', { method: 'GET', handle: serveStaffPage }],
  ['/staff/', { method: 'GET', handle: serveStaffPage }],
  ['/staff/call-next', { method: 'POST', handle: postStaffCallNext }],
  ['/screen', { method: 'GET', handle: serveScreenPage }],
  ['/screen/', { method: 'GET', handle: serveScreenPage }],
  ['/screen.js', { method: 'GET', handle: serveScreenScript }],
  ['/screen/stream', { method: 'GET', handle: openScreenStream }],
]);

/** Handles a page request; false when the path is not a page. */
export async function handlePage(
  state: ServerState,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<boolean> {
  const page = PAGES.get(url.pathname);
  if (!page) return false;
  if ((request.method ?? 'GET') !== page.method) {
    response.setHeader('allow', page.method);
    throw new HttpError(405, 'method-not-allowed', `use ${page.method}`);
  }
  await page.handle(state, request, response, url);
  return true;
}
